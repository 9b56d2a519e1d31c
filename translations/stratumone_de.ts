<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DisplayFormat</name>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="159"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="188"/>
        <source>%1m</source>
        <translation>%1m</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="190"/>
        <source>%1h</source>
        <translation>%1h</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="193"/>
        <source>%1y</source>
        <translation>%1J</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="194"/>
        <source>%1d</source>
        <translation>%1T</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="212"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="214"/>
        <source>Insert second</source>
        <translation>Schaltsekunde einfügen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="216"/>
        <source>Delete second</source>
        <translation>Schaltsekunde auslassen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="218"/>
        <source>Not synchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="220"/>
        <location filename="../ui/DisplayFormat.cpp" line="271"/>
        <location filename="../ui/DisplayFormat.cpp" line="284"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="259"/>
        <source>Not usable</source>
        <translation>Unbrauchbar</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="261"/>
        <location filename="../ui/DisplayFormat.cpp" line="303"/>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="263"/>
        <source>Combined</source>
        <translation>Kombiniert</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="265"/>
        <source>Not combined</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="267"/>
        <source>Falseticker</source>
        <translation>Falschgeher</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="269"/>
        <source>Too variable</source>
        <translation>Zu unstet</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="278"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="280"/>
        <source>Peer</source>
        <translation>Peer</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="282"/>
        <source>Reference clock</source>
        <translation>Referenzuhr</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="305"/>
        <source>Combined with the selected source</source>
        <translation>Mit der ausgewählten Quelle kombiniert</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="307"/>
        <source>Never selected: noselect option</source>
        <translation>Nie ausgewählt: Option noselect</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="309"/>
        <source>Not synchronised itself (leap 3 or stratum 16)</source>
        <translation>Selbst nicht synchronisiert (Leap 3 oder Stratum 16)</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="311"/>
        <source>Too few samples yet</source>
        <translation>Noch zu wenige Messwerte</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="313"/>
        <source>Root distance over maxdistance</source>
        <translation>Wurzeldistanz über maxdistance</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="315"/>
        <source>Jitter over maxjitter</source>
        <translation>Jitter über maxjitter</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="317"/>
        <source>Waiting for samples of other sources</source>
        <translation>Wartet auf Messwerte anderer Quellen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="319"/>
        <source>Disagrees with the trusted sources</source>
        <translation>Widerspricht den vertrauenswürdigen Quellen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="321"/>
        <source>Falseticker: outside the interval most sources agree on</source>
        <translation>Falschgeher: außerhalb des Intervalls, auf das sich die meisten Quellen einigen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="323"/>
        <source>Waiting: fewer agreeing sources than minsources, or no required one</source>
        <translation>Wartet: weniger übereinstimmende Quellen als minsources oder keine erforderliche</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="325"/>
        <source>Not preferred: a prefer source agrees</source>
        <translation>Nicht bevorzugt: eine prefer-Quelle stimmt überein</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="327"/>
        <source>Waiting for a new sample of the best source</source>
        <translation>Wartet auf einen neuen Messwert der besten Quelle</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="329"/>
        <source>Not combined: too far from the selected source</source>
        <translation>Nicht kombiniert: zu weit von der ausgewählten Quelle entfernt</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="331"/>
        <source>Not reachable: no reply to the last 8 polls</source>
        <translation>Nicht erreichbar: keine Antwort auf die letzten 8 Abfragen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="332"/>
        <source>Synchronised to us (a loop)</source>
        <translation>Mit uns synchronisiert (eine Schleife)</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="357"/>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="80"/>
        <source>not available in the simulation</source>
        <translation>nicht in der Simulation</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="107"/>
        <source>%1, serving NTP on UDP port %2</source>
        <translation>%1, NTP auf UDP-Port %2</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="109"/>
        <source>%1, not serving NTP</source>
        <translation>%1, kein NTP-Dienst</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="166"/>
        <source>In-process engine</source>
        <translation>Prozessinterne Engine</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="174"/>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="105"/>
        <source>Engine failed: %1</source>
        <translation>Engine fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>s1::ConfigWarningsDialog</name>
    <message>
        <location filename="../ui/ConfigWarningsDialog.cpp" line="28"/>
        <source>Configuration warnings</source>
        <translation>Warnungen der Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/ConfigWarningsDialog.cpp" line="67"/>
        <source>The configuration has no warnings.</source>
        <translation>Die Konfiguration hat keine Warnungen.</translation>
    </message>
    <message>
        <location filename="../ui/ConfigWarningsDialog.cpp" line="68"/>
        <source>The configuration was read with these warnings; what they name is not in effect:</source>
        <translation>Die Konfiguration wurde mit diesen Warnungen gelesen; was sie nennen, ist nicht wirksam:</translation>
    </message>
</context>
<context>
    <name>s1::GpsDetectPage</name>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="33"/>
        <source>no fix yet (normal for a few minutes after power-up, or indoors)</source>
        <translation>noch kein Fix (normal in den ersten Minuten nach dem Einschalten oder in Innenräumen)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="35"/>
        <source>2D fix</source>
        <translation>2D-Fix</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="37"/>
        <source>3D fix</source>
        <translation>3D-Fix</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="39"/>
        <source>time only (fixed position)</source>
        <translation>nur Zeit (feste Position)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="47"/>
        <source>not reported yet</source>
        <translation>noch nicht gemeldet</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="50"/>
        <source>%1 (not valid yet)</source>
        <translation>%1 (noch nicht gültig)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="60"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="62"/>
        <source>Looking for the receiver</source>
        <translation>Suche nach dem Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="72"/>
        <source>Speed:</source>
        <translation>Baudrate:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="73"/>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="74"/>
        <source>Satellite systems:</source>
        <translation>Satellitensysteme:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="75"/>
        <source>Receiver:</source>
        <translation>Empfänger:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="76"/>
        <source>Fix:</source>
        <translation>Fix:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="77"/>
        <source>Satellites:</source>
        <translation>Satelliten:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="78"/>
        <source>Receiver time:</source>
        <translation>Empfängerzeit:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="169"/>
        <source>%1 baud</source>
        <translation>%1 Baud</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="172"/>
        <source>does not say</source>
        <translation>keine Angabe</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="174"/>
        <source>%1 used of %2 in view</source>
        <translation>%1 von %2 sichtbaren genutzt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="183"/>
        <source>Listening at %1 baud (speed %2 of %3)…</source>
        <translation>Empfang mit %1 Baud wird geprüft (Baudrate %2 von %3)…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="188"/>
        <source>Found a GPS receiver talking at %1 baud.</source>
        <translation>GPS-Empfänger gefunden, er sendet mit %1 Baud.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="190"/>
        <source>Nothing arrives at any speed (tried %1 baud). Check that the receiver has power, that its TX is wired to this port&apos;s RX, and that this is the right port.</source>
        <translation>Bei keiner Baudrate kommen Daten an (versucht: %1 Baud). Prüfen Sie, ob der Empfänger Strom hat, ob sein TX mit dem RX dieser Schnittstelle verbunden ist und ob es die richtige Schnittstelle ist.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="194"/>
        <source>Data arrives, but never a valid NMEA or UBX message (tried %1 baud). This is probably not a GPS receiver, or it talks at a speed not tried.</source>
        <translation>Es kommen Daten an, aber nie eine gültige NMEA- oder UBX-Nachricht (versucht: %1 Baud). Vermutlich ist dies kein GPS-Empfänger, oder er sendet mit einer nicht versuchten Baudrate.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="204"/>
        <source>NMEA 0183 and u-blox UBX</source>
        <translation>NMEA 0183 und u-blox UBX</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="206"/>
        <source>u-blox UBX (binary)</source>
        <translation>u-blox UBX (binär)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="207"/>
        <source>NMEA 0183</source>
        <translation>NMEA 0183</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="216"/>
        <source>not known yet</source>
        <translation>noch unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="222"/>
        <source>%1 (talkers %2)</source>
        <translation>%1 (Talker-IDs %2)</translation>
    </message>
</context>
<context>
    <name>s1::GpsPanel</name>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="156"/>
        <source>No GPS receiver configured</source>
        <translation>Kein GPS-Empfänger konfiguriert</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="165"/>
        <source>Add the receiver to the configuration as reference clocks, for example a serial NMEA receiver with its PPS output:</source>
        <translation>Tragen Sie den Empfänger als Referenzuhren in die Konfiguration ein, zum Beispiel einen seriellen NMEA-Empfänger mit seinem PPS-Ausgang:</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="210"/>
        <location filename="../ui/GpsPanel.cpp" line="252"/>
        <source>Fix</source>
        <translation>Fix</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="211"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="213"/>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="214"/>
        <source>Time valid</source>
        <translation>Zeit gültig</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="218"/>
        <source>Latitude</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="219"/>
        <source>Longitude</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="220"/>
        <source>Altitude</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="215"/>
        <source>P/H/V DOP</source>
        <translation>P/H/V-DOP</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="212"/>
        <source>Last message</source>
        <translation>Letzte Meldung</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="217"/>
        <location filename="../ui/GpsPanel.cpp" line="252"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="225"/>
        <location filename="../ui/GpsPanel.cpp" line="253"/>
        <source>PPS</source>
        <translation>PPS</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="226"/>
        <source>Pulses</source>
        <translation>Pulse</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="227"/>
        <source>Last pulse</source>
        <translation>Letzter Puls</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="228"/>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="230"/>
        <location filename="../ui/GpsPanel.cpp" line="253"/>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="232"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="233"/>
        <source>Serial</source>
        <translation>Seriell</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="234"/>
        <source>Sentences</source>
        <translation>Sätze</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="236"/>
        <location filename="../ui/GpsPanel.cpp" line="253"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="237"/>
        <source>Checksum</source>
        <translation>Prüfsumme</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="238"/>
        <source>Garbage</source>
        <translation>Unlesbar</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="239"/>
        <source>Overruns</source>
        <translation>Überläufe</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="252"/>
        <source>Signals</source>
        <translation>Signale</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="324"/>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="325"/>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="344"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="344"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="337"/>
        <location filename="../ui/GpsPanel.cpp" line="359"/>
        <location filename="../ui/GpsPanel.cpp" line="362"/>
        <location filename="../ui/GpsPanel.cpp" line="463"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="362"/>
        <source>%1 baud</source>
        <translation>%1 Baud</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="375"/>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="392"/>
        <source>No recent satellite data</source>
        <translation>Keine aktuellen Satellitendaten</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="393"/>
        <source>No satellites in view</source>
        <translation>Keine Satelliten in Sicht</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="394"/>
        <source>%1 in view: ● %2 used  ○ %3 not used</source>
        <translation>%1 in Sicht: ● %2 genutzt  ○ %3 ungenutzt</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="455"/>
        <source>No fix</source>
        <translation>Kein Fix</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="457"/>
        <source>2D</source>
        <translation>2D</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="459"/>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="461"/>
        <source>Time only</source>
        <translation>Nur Zeit</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="468"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="468"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="473"/>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="473"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="480"/>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="339"/>
        <location filename="../ui/GpsPanel.cpp" line="493"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="497"/>
        <source>%1 ms ago</source>
        <translation>vor %1 ms</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="322"/>
        <location filename="../ui/GpsPanel.cpp" line="499"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="500"/>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
</context>
<context>
    <name>s1::GpsPortPage</name>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="39"/>
        <source>Where is the GPS receiver connected?</source>
        <translation>Wo ist der GPS-Empfänger angeschlossen?</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="40"/>
        <source>Pick its serial port, or type the path of any other device.</source>
        <translation>Wählen Sie seine serielle Schnittstelle, oder geben Sie den Pfad eines anderen Geräts ein.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="48"/>
        <source>/dev/ttyAMA0</source>
        <translation>/dev/ttyAMA0</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="50"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="58"/>
        <source>Port:</source>
        <translation>Schnittstelle:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="86"/>
        <source>link to %1</source>
        <translation>Link auf %1</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="99"/>
        <source>No serial port found. Plug the receiver in and press Refresh, or type the port&apos;s path.</source>
        <translation>Keine serielle Schnittstelle gefunden. Schließen Sie den Empfänger an und tippen Sie auf „Aktualisieren“, oder geben Sie den Pfad der Schnittstelle ein.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="127"/>
        <source>A port path cannot contain spaces.</source>
        <translation>Ein Schnittstellenpfad darf keine Leerzeichen enthalten.</translation>
    </message>
</context>
<context>
    <name>s1::GpsPpsPage</name>
    <message>
        <location filename="../ui/wizard/GpsPpsPage.cpp" line="22"/>
        <source>Pulse per second (optional)</source>
        <translation>Sekundenpuls (PPS, optional)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPpsPage.cpp" line="23"/>
        <source>If the receiver&apos;s PPS output is wired to this computer (a GPIO with the pps-gpio overlay, or the serial port&apos;s DCD line), choose its device. PPS marks each second to within microseconds; the serial messages alone are good to a few milliseconds.</source>
        <translation>Wenn der PPS-Ausgang des Empfängers mit diesem Computer verbunden ist (ein GPIO mit dem Overlay pps-gpio oder die DCD-Leitung der seriellen Schnittstelle), wählen Sie das zugehörige Gerät. PPS markiert jede Sekunde auf Mikrosekunden genau; die seriellen Meldungen allein sind nur auf einige Millisekunden genau.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPpsPage.cpp" line="32"/>
        <source>other device, e.g. /dev/pps1</source>
        <translation>anderes Gerät, z. B. /dev/pps1</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPpsPage.cpp" line="57"/>
        <source>No PPS (serial time only)</source>
        <translation>Kein PPS (nur serielle Zeit)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPpsPage.cpp" line="64"/>
        <source>No PPS device on this computer (%1/pps*).</source>
        <translation>Kein PPS-Gerät auf diesem Computer (%1/pps*).</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPpsPage.cpp" line="106"/>
        <source>A device path cannot contain spaces.</source>
        <translation>Ein Gerätepfad darf keine Leerzeichen enthalten.</translation>
    </message>
</context>
<context>
    <name>s1::GpsReviewPage</name>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="36"/>
        <source>Write configuration</source>
        <translation>Konfiguration schreiben</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="39"/>
        <source>Review and write</source>
        <translation>Prüfen und schreiben</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="62"/>
        <source>Why offset %1: a receiver sends the time of a second about 0.1 s after the second starts. Why delay %2: serial time jitters by milliseconds, so better sources must outweigh it.</source>
        <translation>„offset %1“: Der Empfänger meldet die Sekunde rund 0,1 s nach ihrem Beginn. „delay %2“: Serielle Zeit schwankt um Millisekunden; bessere Quellen wiegen mehr.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="78"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="88"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="96"/>
        <source>These lines will be written:</source>
        <translation>Diese Zeilen werden geschrieben:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="128"/>
        <source>Choose a configuration file.</source>
        <translation>Wählen Sie eine Konfigurationsdatei.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="170"/>
        <source>%1 does not exist yet: it will be created with the pool, service to the local networks, a drift file, makestep and rtcsync, and the receiver&apos;s lines.</source>
        <translation>%1 existiert noch nicht: Sie wird mit Pool, Dienst fürs lokale Netz, Drift-Datei, makestep, rtcsync und den Zeilen des Empfängers angelegt.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="235"/>
        <source>Written to %1.</source>
        <translation>In %1 geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="174"/>
        <source>Added at the end of %1; the rest of the file is kept as it is.</source>
        <translation>Wird am Ende von %1 angefügt; der Rest der Datei bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="180"/>
        <source>Replaces line %1 of %2 (the same device&apos;s earlier setting); the rest of the file is kept as it is.</source>
        <translation>Ersetzt Zeile %1 in %2 (die frühere Einstellung desselben Geräts); der Rest der Datei bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="181"/>
        <source>Replaces lines %1 of %2 (the same device&apos;s earlier settings); the rest of the file is kept as it is.</source>
        <translation>Ersetzt die Zeilen %1 in %2 (die früheren Einstellungen desselben Geräts); der Rest der Datei bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="211"/>
        <source>Configuration file</source>
        <translation>Konfigurationsdatei</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="230"/>
        <source>Not written: %1</source>
        <translation>Nicht geschrieben: %1</translation>
    </message>
</context>
<context>
    <name>s1::GpsSetupWizard</name>
    <message>
        <location filename="../ui/wizard/GpsSetupWizard.cpp" line="21"/>
        <source>Set up a GPS receiver</source>
        <translation>GPS-Empfänger einrichten</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsSetupWizard.cpp" line="25"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>s1::InProcessEngine</name>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="50"/>
        <source>the engine is restarting; try again</source>
        <translation>die Engine startet neu; bitte erneut versuchen</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="59"/>
        <source>a reload is already in progress</source>
        <translation>ein Neuladen läuft bereits</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="64"/>
        <source>(built-in configuration)</source>
        <translation>(eingebaute Konfiguration)</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="70"/>
        <source>%1 has errors; the running configuration is kept
%2</source>
        <translation>%1 enthält Fehler; die laufende Konfiguration bleibt
%2</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="93"/>
        <source>the new configuration did not start (%1); running the previous one again</source>
        <translation>die neue Konfiguration startete nicht (%1); die vorherige läuft wieder</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="95"/>
        <source>neither the new nor the previous configuration starts: %1</source>
        <translation>weder die neue noch die vorherige Konfiguration startet: %1</translation>
    </message>
</context>
<context>
    <name>s1::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="111"/>
        <source>Stratum One</source>
        <translation>Stratum One</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="130"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="131"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="132"/>
        <source>Tracking</source>
        <translation>Nachführung</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="136"/>
        <source>Chart</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="141"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="179"/>
        <source>Sources (%1)</source>
        <translation>Quellen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="195"/>
        <source>1 configuration warning</source>
        <translation>1 Warnung der Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="196"/>
        <source>%1 configuration warnings</source>
        <translation>%1 Warnungen der Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="252"/>
        <source>Reload: %1</source>
        <translation>Neu laden: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="254"/>
        <source>Step clock: %1</source>
        <translation>Uhr stellen: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="336"/>
        <source>Reload configuration</source>
        <translation>Konfiguration neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="338"/>
        <source>Read the configuration file again and restart the engine with it (%1)</source>
        <translation>Die Konfigurationsdatei neu einlesen und die Engine damit neu starten (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="341"/>
        <location filename="../ui/MainWindow.cpp" line="425"/>
        <source>Step clock now</source>
        <translation>Uhr jetzt stellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="343"/>
        <source>Correct the whole remaining offset at once instead of slewing it (%1)</source>
        <translation>Den ganzen verbleibenden Versatz auf einmal korrigieren, statt ihn allmählich anzugleichen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="347"/>
        <source>GPS set-up…</source>
        <translation>GPS einrichten…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="349"/>
        <source>Find a GPS receiver on a serial port and add it to the configuration (%1)</source>
        <translation>Einen GPS-Empfänger an einer seriellen Schnittstelle suchen und in die Konfiguration eintragen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="353"/>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="354"/>
        <source>Use the whole screen, without title bar (%1)</source>
        <translation>Den ganzen Bildschirm nutzen, ohne Titelleiste (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="357"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="358"/>
        <source>Close the window (%1)</source>
        <translation>Das Fenster schließen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="368"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="372"/>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="416"/>
        <source>Reloading the configuration…</source>
        <translation>Konfiguration wird neu geladen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="425"/>
        <source>Step the clock now?</source>
        <translation>Die Uhr jetzt stellen?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="369"/>
        <location filename="../ui/MainWindow.cpp" line="438"/>
        <source>Step clock</source>
        <translation>Uhr stellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="451"/>
        <source>Stepping the clock…</source>
        <translation>Uhr wird gestellt…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="471"/>
        <location filename="../ui/MainWindow.cpp" line="491"/>
        <source>GPS receiver added to %1: reload the configuration to use it.</source>
        <translation>GPS-Empfänger in %1 eingetragen: Laden Sie die Konfiguration neu, um ihn zu nutzen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="370"/>
        <location filename="../ui/MainWindow.cpp" line="476"/>
        <source>GPS set-up</source>
        <translation>GPS einrichten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="432"/>
        <source>No correction is pending: the clock will not move.</source>
        <translation>Es steht keine Korrektur aus: Die Uhr bleibt, wie sie ist.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="433"/>
        <source>The time served jumps by %1 (it is now %2 %3 of NTP time).</source>
        <translation>Die ausgegebene Zeit springt um %1 (sie geht jetzt %2 %3 gegenüber der NTP-Zeit).</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="435"/>
        <source>fast</source>
        <translation>vor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="435"/>
        <source>slow</source>
        <translation>nach</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="436"/>
        <source>The whole remaining offset is corrected at once instead of gradually.</source>
        <translation>Der ganze verbleibende Versatz wird auf einmal statt allmählich korrigiert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="472"/>
        <source>GPS receiver added to %1 (reload: %2).</source>
        <translation>GPS-Empfänger in %1 eingetragen (Neu laden: %2).</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="475"/>
        <source>GPS receiver added to %1.</source>
        <translation>GPS-Empfänger in %1 eingetragen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="476"/>
        <source>Reload the configuration now?</source>
        <translation>Konfiguration jetzt neu laden?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="479"/>
        <source>The receiver is used once the configuration is read again.</source>
        <translation>Der Empfänger wird verwendet, sobald die Konfiguration neu gelesen ist.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="480"/>
        <source>Reload now</source>
        <translation>Jetzt neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="482"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="545"/>
        <source>Action failed</source>
        <translation>Aktion fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="642"/>
        <source>Local clock, stratum %1</source>
        <translation>Lokale Uhr, Stratum %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="646"/>
        <source>No source selected</source>
        <translation>Keine Quelle ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="653"/>
        <source>Last known: %1</source>
        <translation>Zuletzt bekannt: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="721"/>
        <source>Updated %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="721"/>
        <source>Stale: last update %1</source>
        <translation>Veraltet: Stand %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="607"/>
        <source>Waiting for the engine</source>
        <translation>Warten auf die Engine</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="649"/>
        <source>Not synchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="637"/>
        <source>Synchronised to %1, stratum %2</source>
        <translation>Synchronisiert mit %1, Stratum %2</translation>
    </message>
</context>
<context>
    <name>s1::OffsetChart</name>
    <message>
        <location filename="../ui/OffsetChart.cpp" line="63"/>
        <source>Seconds ago</source>
        <translation>Sekunden zurück</translation>
    </message>
    <message>
        <location filename="../ui/OffsetChart.cpp" line="67"/>
        <source>Offset local−source (µs)</source>
        <translation>Versatz lokal−Quelle (µs)</translation>
    </message>
</context>
<context>
    <name>s1::ReferencePanel</name>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="26"/>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="27"/>
        <source>Synchronised</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="28"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="29"/>
        <source>Reference ID</source>
        <translation>Referenz-ID</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="30"/>
        <source>Leap status</source>
        <translation>Schaltsekunde</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="31"/>
        <source>Root delay</source>
        <translation>Gesamtlaufzeit</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="32"/>
        <source>Root dispersion</source>
        <translation>Gesamtstreuung</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="33"/>
        <source>Last update</source>
        <translation>Letzte Aktualisierung</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="34"/>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="44"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="44"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="55"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="56"/>
        <source>%1 (2^%2 s)</source>
        <translation>%1 (2^%2 s)</translation>
    </message>
</context>
<context>
    <name>s1::SerialReceiverProbe</name>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="34"/>
        <source>Permission denied: %1. Run the wizard as root, or give your user access to the port.</source>
        <translation>Zugriff verweigert: %1. Starten Sie den Assistenten als root, oder geben Sie Ihrem Benutzer Zugriff auf die Schnittstelle.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="36"/>
        <source>Permission denied: %1 belongs to the group &quot;%2&quot;. Add your user to it (sudo adduser $USER %2), log out and in again, then retry.</source>
        <translation>Zugriff verweigert: %1 gehört zur Gruppe „%2“. Fügen Sie Ihren Benutzer der Gruppe hinzu (sudo adduser $USER %2), melden Sie sich ab und wieder an, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="41"/>
        <source>No such port: %1. Check the name, or that the receiver is plugged in.</source>
        <translation>Schnittstelle nicht vorhanden: %1. Prüfen Sie den Namen und ob der Empfänger angeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="43"/>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="124"/>
        <source>%1 went away (%2).</source>
        <translation>%1 ist nicht mehr verfügbar (%2).</translation>
    </message>
</context>
<context>
    <name>s1::ServerStatsPanel</name>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="14"/>
        <source>NTP server</source>
        <translation>NTP-Server</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="16"/>
        <source>Serving on</source>
        <translation>Dienst auf</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="18"/>
        <source>Requests received</source>
        <translation>Anfragen erhalten</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="19"/>
        <source>Replies sent</source>
        <translation>Antworten gesendet</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="20"/>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="22"/>
        <source>Malformed</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="24"/>
        <source>Bad version</source>
        <translation>Falsche Version</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="26"/>
        <source>Bad mode</source>
        <translation>Falscher Modus</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="28"/>
        <source>Access denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="29"/>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="40"/>
        <source>UDP port %1</source>
        <translation>UDP-Port %1</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="42"/>
        <source>Not serving</source>
        <translation>Kein Dienst</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="45"/>
        <source>Not serving: %1</source>
        <translation>Kein Dienst: %1</translation>
    </message>
</context>
<context>
    <name>s1::ServiceViewer</name>
    <message numerus="yes">
        <location filename="../app/ServiceViewer.cpp" line="53"/>
        <source>Service at %1: no update for %n s</source>
        <translation>
            <numerusform>Dienst unter %1: seit %n s keine Aktualisierung</numerusform>
            <numerusform>Dienst unter %1: seit %n s keine Aktualisierung</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="69"/>
        <source>Service at %1: connecting</source>
        <translation>Dienst unter %1: Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="71"/>
        <source>Service at %1: connected</source>
        <translation>Dienst unter %1: verbunden</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="77"/>
        <source>Service disconnected: %1; reconnecting</source>
        <translation>Dienst getrennt: %1; neuer Verbindungsversuch</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="83"/>
        <source>Reload failed: %1</source>
        <translation>Neu laden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="86"/>
        <source>Configuration reloaded</source>
        <translation>Konfiguration neu geladen</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ServiceViewer.cpp" line="88"/>
        <source>Configuration reloaded with %n warning(s): %1</source>
        <translation>
            <numerusform>Konfiguration neu geladen, %n Warnung: %1</numerusform>
            <numerusform>Konfiguration neu geladen, %n Warnungen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="95"/>
        <source>Clock step failed: %1</source>
        <translation>Stellen der Uhr fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="98"/>
        <source>Clock step done: no correction was pending</source>
        <translation>Uhr gestellt: Es stand keine Korrektur aus</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="99"/>
        <source>Clock stepped by %1</source>
        <translation>Uhr um %1 gestellt</translation>
    </message>
</context>
<context>
    <name>s1::SignalBarsWidget</name>
    <message>
        <location filename="../ui/SignalBarsWidget.cpp" line="157"/>
        <source>No signals</source>
        <translation>Keine Signale</translation>
    </message>
    <message>
        <location filename="../ui/SignalBarsWidget.cpp" line="188"/>
        <source>dB-Hz</source>
        <translation>dB-Hz</translation>
    </message>
</context>
<context>
    <name>s1::SkyPlotWidget</name>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="86"/>
        <source>elevation %1°</source>
        <translation>Elevation %1°</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="88"/>
        <source>azimuth %1°</source>
        <translation>Azimut %1°</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="89"/>
        <source>%1 dB-Hz</source>
        <translation>%1 dB-Hz</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="90"/>
        <source>no signal</source>
        <translation>kein Signal</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="91"/>
        <source>used in fix</source>
        <translation>im Fix genutzt</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="91"/>
        <source>not used</source>
        <translation>ungenutzt</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="92"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="196"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="196"/>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="196"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="196"/>
        <source>W</source>
        <translation>W</translation>
    </message>
</context>
<context>
    <name>s1::SourceDetailDialog</name>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="34"/>
        <source>%1 ppm</source>
        <translation>%1 ppm</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="45"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="62"/>
        <source>Source (ntpdata)</source>
        <translation>Quelle (ntpdata)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="63"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="64"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="65"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="66"/>
        <source>Reference ID</source>
        <translation>Referenz-ID</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="67"/>
        <source>Leap status</source>
        <translation>Schaltsekunde</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="68"/>
        <source>Poll</source>
        <translation>Poll</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="69"/>
        <source>Reach</source>
        <translation>Reach</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="70"/>
        <source>Last good sample</source>
        <translation>Letzter guter Messwert</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="71"/>
        <location filename="../ui/SourceDetailDialog.cpp" line="83"/>
        <source>Offset (local−src)</source>
        <translation>Versatz (lokal−Quelle)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="72"/>
        <source>Delay</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="73"/>
        <source>Dispersion</source>
        <translation>Streuung</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="74"/>
        <source>Root delay</source>
        <translation>Gesamtlaufzeit</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="75"/>
        <source>Root dispersion</source>
        <translation>Gesamtstreuung</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="76"/>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="79"/>
        <source>Statistics (sourcestats)</source>
        <translation>Statistik (sourcestats)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="80"/>
        <source>Samples / runs</source>
        <translation>Messwerte / Läufe</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="81"/>
        <source>Span</source>
        <translation>Zeitspanne</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="82"/>
        <source>Frequency</source>
        <translation>Frequenz</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="84"/>
        <source>Std dev</source>
        <translation>Std.-Abw.</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="85"/>
        <source>Selection (selectdata)</source>
        <translation>Auswahl (selectdata)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="86"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="87"/>
        <source>Interval (local−src)</source>
        <translation>Intervall (lokal−Quelle)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="125"/>
        <source>%1 (last known state)</source>
        <translation>%1 (zuletzt bekannter Zustand)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="131"/>
        <source>Never selected: %1</source>
        <translation>Nie ausgewählt: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="141"/>
        <source>Driver: %1</source>
        <translation>Treiber: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="143"/>
        <source>Last reply rejected: %1</source>
        <translation>Letzte Antwort abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="145"/>
        <source>Kiss-o&apos;-death received: %1</source>
        <translation>Kiss-o’-Death erhalten: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="154"/>
        <source>%1 from pool %2</source>
        <translation>%1 aus Pool %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="166"/>
        <source>%1 (2^%2 s)</source>
        <translation>%1 (2^%2 s)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="167"/>
        <source>%1 (%2, newest on the right)</source>
        <translation>%1 (%2, die neueste rechts)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="169"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="169"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="176"/>
        <source>%1 sent, %2 accepted, %3 rejected</source>
        <translation>%1 gesendet, %2 angenommen, %3 abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="182"/>
        <source>None yet</source>
        <translation>Noch keine</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="184"/>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="190"/>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="199"/>
        <source>No longer in the list: the configuration was reloaded, or the name now has an address.</source>
        <translation>Nicht mehr in der Liste: Die Konfiguration wurde neu geladen, oder der Name hat jetzt eine Adresse.</translation>
    </message>
</context>
<context>
    <name>s1::SourcesTableModel</name>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="122"/>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="124"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="126"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="128"/>
        <source>Poll</source>
        <translation>Poll</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="130"/>
        <source>Reach</source>
        <translation>Reach</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="132"/>
        <source>Last Rx</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="137"/>
        <source>Delay</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="139"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="145"/>
        <source>Mode (^ server, = peer, # reference clock) and state (* selected, + combined, - not combined, x falseticker, ~ too variable, ? unusable)</source>
        <translation>Modus (^ Server, = Peer, # Referenzuhr) und Zustand (* ausgewählt, + kombiniert, - Reserve (nicht kombiniert), x Falschgeher, ~ zu unstet, ? unbrauchbar)</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="148"/>
        <source>Host name or address of the source</source>
        <translation>Hostname oder Adresse der Quelle</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="150"/>
        <source>Distance from a reference clock, in NTP hops</source>
        <translation>Abstand zu einer Referenzuhr, in NTP-Stufen</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="152"/>
        <source>Polling interval as a power of 2 seconds</source>
        <translation>Abfrageintervall als Zweierpotenz in Sekunden</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="154"/>
        <source>Replies to the last 8 polls, as an octal bit mask</source>
        <translation>Antworten auf die letzten 8 Abfragen, als oktale Bitmaske</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="156"/>
        <source>Time since the last good sample (seconds unless marked m, h, d, y)</source>
        <translation>Zeit seit dem letzten guten Messwert (Sekunden, außer mit m, h, T, J markiert)</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="135"/>
        <source>Offset
local−src</source>
        <translation>Versatz
lokal−Qu.</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="158"/>
        <source>Offset of the last sample as chronyc shows it: positive when the local clock is ahead of the source</source>
        <translation>Versatz des letzten Messwerts wie bei chronyc: positiv, wenn die lokale Uhr der Quelle vorausgeht</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="161"/>
        <source>Round-trip delay of the last sample</source>
        <translation>Umlaufzeit des letzten Messwerts</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="163"/>
        <source>Why the source is not used, or how it is used</source>
        <translation>Warum die Quelle nicht genutzt wird, oder wie sie genutzt wird</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="328"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="332"/>
        <source>Address: %1</source>
        <translation>Adresse: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="334"/>
        <source>From pool: %1</source>
        <translation>Aus dem Pool: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="335"/>
        <source>Reference ID: %1</source>
        <translation>Referenz-ID: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="336"/>
        <source>Requests sent: %1, replies accepted: %2, rejected: %3</source>
        <translation>Anfragen gesendet: %1, Antworten angenommen: %2, abgelehnt: %3</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="342"/>
        <source>Stratum %1, leap status: %2</source>
        <translation>Stratum %1, Schaltsekunde: %2</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="344"/>
        <source>Polling every %1</source>
        <translation>Abfrage alle %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="346"/>
        <source>Last 8 polls, newest on the right (1: reply received): %1</source>
        <translation>Letzte 8 Abfragen, die neueste rechts (1: Antwort erhalten): %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="350"/>
        <source>Last good sample %1 s ago</source>
        <translation>Letzter guter Messwert vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="351"/>
        <source>No good sample yet</source>
        <translation>Noch kein guter Messwert</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="358"/>
        <source>Last reply rejected: %1</source>
        <translation>Letzte Antwort abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="361"/>
        <source>Kiss-o&apos;-death received: %1</source>
        <translation>Kiss-o’-Death erhalten: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="406"/>
        <source>Cannot resolve %1</source>
        <translation>%1 nicht auflösbar</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="407"/>
        <source>Resolving name</source>
        <translation>Name wird aufgelöst</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="410"/>
        <source>Never selected: authentication</source>
        <translation>Nie ausgewählt: Authentifizierung</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="415"/>
        <source>KoD %1</source>
        <translation>KoD %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="419"/>
        <source>No reply</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="428"/>
        <source>No sample yet</source>
        <translation>Noch kein Messwert</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="430"/>
        <source>Last sample: offset %1 (local clock minus source), delay %2, dispersion %3
Source root delay %4, root dispersion %5</source>
        <translation>Letzter Messwert: Versatz %1 (lokale Uhr minus Quelle), Laufzeit %2, Streuung %3
Gesamtlaufzeit der Quelle %4, Gesamtstreuung %5</translation>
    </message>
</context>
<context>
    <name>s1::TrackingPanel</name>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="46"/>
        <location filename="../ui/TrackingPanel.cpp" line="47"/>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="48"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="49"/>
        <source>Ref time</source>
        <translation>Ref.-Zeit</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="50"/>
        <source>Leap status</source>
        <translation>Schaltsekunde</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="51"/>
        <source>Root delay</source>
        <translation>Gesamtlaufzeit</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="53"/>
        <source>Root dispersion</source>
        <translation>Gesamtstreuung</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="55"/>
        <source>Local clock</source>
        <translation>Lokale Uhr</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="56"/>
        <source>System time</source>
        <translation>Systemzeit</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="57"/>
        <source>Last offset</source>
        <translation>Letzter Versatz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="58"/>
        <source>RMS offset</source>
        <translation>RMS-Versatz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="59"/>
        <source>Frequency</source>
        <translation>Frequenz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="61"/>
        <source>Residual freq</source>
        <translation>Restfrequenz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="62"/>
        <source>Skew</source>
        <translation>Frequenzfehler</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="64"/>
        <source>Update interval</source>
        <translation>Update-Intervall</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="83"/>
        <source>%1 s fast</source>
        <translation>%1 s vor</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="83"/>
        <source>%1 s slow</source>
        <translation>%1 s nach</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="92"/>
        <source>%1 ppm fast</source>
        <translation>%1 ppm zu schnell</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="92"/>
        <source>%1 ppm slow</source>
        <translation>%1 ppm zu langsam</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="102"/>
        <source>Not synchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="107"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="110"/>
        <location filename="../ui/TrackingPanel.cpp" line="111"/>
        <location filename="../ui/TrackingPanel.cpp" line="119"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="114"/>
        <location filename="../ui/TrackingPanel.cpp" line="115"/>
        <source>%1 ppm</source>
        <translation>%1 ppm</translation>
    </message>
</context>
</TS>
