<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DashboardState</name>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="85"/>
        <source>Waiting for the engine</source>
        <translation>Warten auf die Engine</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="92"/>
        <source>Synchronised to %1, stratum %2</source>
        <translation>Synchronisiert mit %1, Stratum %2</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="100"/>
        <source>Holdover %1</source>
        <translation>Holdover %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="100"/>
        <source>Holdover</source>
        <translation>Holdover</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="104"/>
        <source>Local clock, stratum %1</source>
        <translation>Lokale Uhr, Stratum %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="107"/>
        <source>Unsynchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="110"/>
        <source>Last known: %1</source>
        <translation>Zuletzt bekannt: %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="137"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="159"/>
        <source>± %1</source>
        <translation>± %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="159"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="170"/>
        <source>No messages</source>
        <translation>Keine Meldungen</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="173"/>
        <source>Silent for %1</source>
        <translation>Still seit %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="177"/>
        <source>No fix</source>
        <translation>Kein Fix</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="180"/>
        <source>2D fix</source>
        <translation>2D-Fix</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="183"/>
        <source>3D fix</source>
        <translation>3D-Fix</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="186"/>
        <source>Time-only fix</source>
        <translation>Nur-Zeit-Fix</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="190"/>
        <source>%1, 1 satellite</source>
        <translation>%1, 1 Satellit</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="190"/>
        <source>%1, %2 satellites</source>
        <translation>%1, %2 Satelliten</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="232"/>
        <source>Present</source>
        <translation>Vorhanden</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="235"/>
        <source>No pulse seen</source>
        <translation>Kein Puls gesehen</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="237"/>
        <source>Missing for %1</source>
        <translation>Fehlt seit %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="266"/>
        <source>Not serving</source>
        <translation>Kein Dienst</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="271"/>
        <source>%1 /s</source>
        <translation>%1 /s</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="271"/>
        <source>Measuring</source>
        <translation>Wird gemessen</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="281"/>
        <source>Synchronised to %1</source>
        <translation>Synchronisiert mit %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="286"/>
        <source>Reference changed to %1</source>
        <translation>Referenz gewechselt zu %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="288"/>
        <source>Source lost: %1, holding over</source>
        <translation>Quelle verloren: %1, Holdover</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="290"/>
        <source>Synchronisation lost</source>
        <translation>Synchronisation verloren</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="292"/>
        <source>Serving the local clock</source>
        <translation>Lokale Uhr wird ausgegeben</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="298"/>
        <source>PPS pulses back</source>
        <translation>PPS-Pulse wieder da</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="298"/>
        <source>PPS pulses stopped</source>
        <translation>PPS-Pulse ausgeblieben</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="308"/>
        <source>%1 UTC: %2</source>
        <translation>%1 UTC: %2</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="330"/>
        <source>UTC, the engine&apos;s estimate of true time</source>
        <translation>UTC, die Schätzung der Engine für die wahre Zeit</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="332"/>
        <source>UTC by the engine&apos;s clock, not synchronised</source>
        <translation>UTC nach der Uhr der Engine, nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="336"/>
        <source>UTC by this computer&apos;s clock: no live engine state</source>
        <translation>UTC nach der Uhr dieses Computers: kein aktueller Zustand der Engine</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="343"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="345"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="347"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardState.cpp" line="348"/>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
</context>
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
        <location filename="../ui/DisplayFormat.cpp" line="211"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="213"/>
        <source>Insert second</source>
        <translation>Schaltsekunde einfügen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="215"/>
        <source>Delete second</source>
        <translation>Schaltsekunde auslassen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="217"/>
        <source>Not synchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="219"/>
        <location filename="../ui/DisplayFormat.cpp" line="270"/>
        <location filename="../ui/DisplayFormat.cpp" line="283"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="258"/>
        <source>Not usable</source>
        <translation>Unbrauchbar</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="260"/>
        <location filename="../ui/DisplayFormat.cpp" line="308"/>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="262"/>
        <source>Combined</source>
        <translation>Kombiniert</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="264"/>
        <source>Not combined</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="266"/>
        <source>Falseticker</source>
        <translation>Falschgeher</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="268"/>
        <source>Too variable</source>
        <translation>Zu unstet</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="277"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="279"/>
        <source>Peer</source>
        <translation>Peer</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="281"/>
        <source>Reference clock</source>
        <translation>Referenzuhr</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="310"/>
        <source>Combined with the selected source</source>
        <translation>Mit der ausgewählten Quelle kombiniert</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="312"/>
        <source>Never selected: noselect option</source>
        <translation>Nie ausgewählt: Option noselect</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="314"/>
        <source>Not synchronised itself (leap 3 or stratum 16)</source>
        <translation>Selbst nicht synchronisiert (Leap 3 oder Stratum 16)</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="316"/>
        <source>Too few samples yet</source>
        <translation>Noch zu wenige Messwerte</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="318"/>
        <source>Root distance over maxdistance</source>
        <translation>Wurzeldistanz über maxdistance</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="320"/>
        <source>Jitter over maxjitter</source>
        <translation>Jitter über maxjitter</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="322"/>
        <source>Waiting for samples of other sources</source>
        <translation>Wartet auf Messwerte anderer Quellen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="324"/>
        <source>Disagrees with the trusted sources</source>
        <translation>Widerspricht den vertrauenswürdigen Quellen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="326"/>
        <source>Falseticker: outside the interval most sources agree on</source>
        <translation>Falschgeher: außerhalb des Intervalls, auf das sich die meisten Quellen einigen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="328"/>
        <source>Waiting: fewer agreeing sources than minsources, or no required one</source>
        <translation>Wartet: weniger übereinstimmende Quellen als minsources oder keine erforderliche</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="330"/>
        <source>Not preferred: a prefer source agrees</source>
        <translation>Nicht bevorzugt: eine prefer-Quelle stimmt überein</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="332"/>
        <source>Waiting for a new sample of the best source</source>
        <translation>Wartet auf einen neuen Messwert der besten Quelle</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="334"/>
        <source>Not combined: too far from the selected source</source>
        <translation>Nicht kombiniert: zu weit von der ausgewählten Quelle entfernt</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="336"/>
        <source>Not reachable: no reply to the last 8 polls</source>
        <translation>Nicht erreichbar: keine Antwort auf die letzten 8 Abfragen</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="337"/>
        <source>Synchronised to us (a loop)</source>
        <translation>Mit uns synchronisiert (eine Schleife)</translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="367"/>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
</context>
<context>
    <name>ReloadAttempt</name>
    <message>
        <location filename="../app/ReloadAttempt.cpp" line="25"/>
        <source>the new configuration did not start (%1); running the previous one again</source>
        <translation>die neue Konfiguration startete nicht (%1); die vorherige läuft wieder</translation>
    </message>
    <message>
        <location filename="../app/ReloadAttempt.cpp" line="29"/>
        <source>neither the new nor the previous configuration starts: %1</source>
        <translation>weder die neue noch die vorherige Konfiguration startet: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/SimulationFeed.cpp" line="14"/>
        <source>not available in the simulation</source>
        <translation>nicht in der Simulation</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="267"/>
        <source>%1, serving NTP on UDP port %2</source>
        <translation>%1, NTP auf UDP-Port %2</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="268"/>
        <source>%1, not serving NTP</source>
        <translation>%1, kein NTP-Dienst</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="128"/>
        <source>In-process engine</source>
        <translation>Prozessinterne Engine</translation>
    </message>
    <message>
        <location filename="../app/SimulationFeed.cpp" line="28"/>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="265"/>
        <source>Engine failed: %1</source>
        <translation>Engine fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>s1</name>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="49"/>
        <source>10 min</source>
        <translation>10 min</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="50"/>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="51"/>
        <source>6 h</source>
        <translation>6 h</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="52"/>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="53"/>
        <source>7 d</source>
        <translation>7 T</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="25"/>
        <source>PPS lost</source>
        <translation>PPS verloren</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="27"/>
        <source>GPS fix lost</source>
        <translation>GPS-Fix verloren</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="29"/>
        <source>GPS time not valid</source>
        <translation>GPS-Zeit ungültig</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="31"/>
        <source>No selectable source</source>
        <translation>Keine auswählbare Quelle</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="33"/>
        <source>Not synchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="35"/>
        <source>Stratum changed</source>
        <translation>Stratum geändert</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="37"/>
        <source>Falseticker</source>
        <translation>Falschläufer</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="39"/>
        <source>Clock stepped</source>
        <translation>Uhr gesprungen</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="41"/>
        <source>Leap second pending</source>
        <translation>Schaltsekunde angekündigt</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="43"/>
        <source>Serial line errors</source>
        <translation>Fehler auf der seriellen Leitung</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="45"/>
        <source>Refclock offset out of calibration</source>
        <translation>Refclock-Offset nicht mehr kalibriert</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="47"/>
        <source>Serial link overloaded</source>
        <translation>Serielle Verbindung überlastet</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="56"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="58"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmText.cpp" line="60"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
</context>
<context>
    <name>s1::AlarmBanner</name>
    <message>
        <location filename="../ui/alarms/AlarmBanner.cpp" line="58"/>
        <source>+%1 more ›</source>
        <translation>+%1 weitere ›</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmBanner.cpp" line="58"/>
        <source>Details ›</source>
        <translation>Details ›</translation>
    </message>
</context>
<context>
    <name>s1::AlarmListDialog</name>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="33"/>
        <source>Alarms</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="83"/>
        <source>No alarm is active.</source>
        <translation>Kein Alarm ist aktiv.</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="84"/>
        <source>1 alarm is active.</source>
        <translation>1 Alarm ist aktiv.</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="85"/>
        <source>%1 alarms are active.</source>
        <translation>%1 Alarme sind aktiv.</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="94"/>
        <source>since %1</source>
        <translation>seit %1</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="94"/>
        <source>cleared %1</source>
        <translation>beendet %1</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="121"/>
        <source>What to do:</source>
        <translation>Was zu tun ist:</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="122"/>
        <source>Raised %1</source>
        <translation>Ausgelöst %1</translation>
    </message>
    <message>
        <location filename="../ui/alarms/AlarmListDialog.cpp" line="124"/>
        <source>Cleared %1</source>
        <translation>Beendet %1</translation>
    </message>
</context>
<context>
    <name>s1::CalibrationApplier</name>
    <message>
        <location filename="../ui/config/CalibrationApplier.cpp" line="42"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../ui/config/CalibrationApplier.cpp" line="46"/>
        <source>A calibration is being applied</source>
        <translation>Eine Kalibrierung wird gerade angewendet</translation>
    </message>
    <message>
        <location filename="../ui/config/CalibrationApplier.cpp" line="69"/>
        <source>Calibration not applied: %1</source>
        <translation>Kalibrierung nicht angewendet: %1</translation>
    </message>
    <message>
        <location filename="../ui/config/CalibrationApplier.cpp" line="79"/>
        <source>Calibration not applied: the configuration could not be read: %1</source>
        <translation>Kalibrierung nicht angewendet: die Konfiguration konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/config/CalibrationApplier.cpp" line="88"/>
        <source>%1 calibrated: offset %2 delay %3 written, configuration reloaded</source>
        <translation>%1 kalibriert: offset %2 delay %3 geschrieben, Konfiguration neu geladen</translation>
    </message>
    <message>
        <location filename="../ui/config/CalibrationApplier.cpp" line="92"/>
        <source>Calibration of %1 not applied: %2</source>
        <translation>Kalibrierung von %1 nicht angewendet: %2</translation>
    </message>
</context>
<context>
    <name>s1::ChartCanvas</name>
    <message>
        <location filename="../ui/charts/ChartCanvas.cpp" line="169"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartCanvas.cpp" line="179"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>s1::ChartsPage</name>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="94"/>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="95"/>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="101"/>
        <source>Tap the chart to read a point; drag to pan; wheel or pinch to zoom</source>
        <translation>Tippen: Punkt ablesen; ziehen: verschieben; Rad oder Zwei-Finger-Geste: zoomen</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="141"/>
        <source>System offset</source>
        <translation>Systemversatz</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="142"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="143"/>
        <location filename="../ui/charts/ChartsPage.cpp" line="440"/>
        <source>Frequency</source>
        <translation>Frequenz</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="144"/>
        <source>PPS</source>
        <translation>PPS</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="145"/>
        <source>Stability</source>
        <translation>Stabilität</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="162"/>
        <source>Keep showing the newest data (off: stay where you zoomed or panned to)</source>
        <translation>Immer die neuesten Daten zeigen (aus: beim gezoomten oder verschobenen Ausschnitt bleiben)</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="311"/>
        <source>System offset, + = local clock ahead (band: error bound)</source>
        <translation>Systemversatz, + = lokale Uhr geht vor (Band: Fehlergrenze)</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="320"/>
        <source>Frequency (band: ± skew)</source>
        <translation>Frequenz (Band: ± Frequenzfehler)</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="436"/>
        <source>Offset</source>
        <translation>Versatz</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="438"/>
        <source>local−source</source>
        <translation>lokal−Quelle</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="442"/>
        <source>local−PPS</source>
        <translation>lokal−PPS</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="452"/>
        <source>No history: no feed</source>
        <translation>Kein Verlauf: kein Datenstrom</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="454"/>
        <source>No history: %1</source>
        <translation>Kein Verlauf: %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="456"/>
        <source>No PPS refclock</source>
        <translation>Keine PPS-Referenzuhr</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="456"/>
        <source>No sources</source>
        <translation>Keine Quellen</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="459"/>
        <source>No history yet: %1</source>
        <translation>Noch kein Verlauf: %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="462"/>
        <source>Loading history…</source>
        <translation>Verlauf wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="463"/>
        <source>No samples in this range</source>
        <translation>Keine Messwerte in diesem Bereich</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="507"/>
        <source>No sample here</source>
        <translation>Hier kein Messwert</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="514"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="523"/>
        <source>%1 UTC  %2 %3</source>
        <translation>%1 UTC  %2 %3</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="525"/>
        <source>  (%1 to %2)</source>
        <translation>  (%1 bis %2)</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="527"/>
        <source>  band ±%1</source>
        <translation>  Band ±%1</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="539"/>
        <source>could not encode the image</source>
        <translation>das Bild konnte nicht kodiert werden</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="561"/>
        <source>Image (PNG)…</source>
        <translation>Bild (PNG)…</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="562"/>
        <source>Data (CSV)…</source>
        <translation>Daten (CSV)…</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="569"/>
        <source>Export the shown range</source>
        <translation>Den gezeigten Bereich exportieren</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="570"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="570"/>
        <source>CSV data (*.csv)</source>
        <translation>CSV-Daten (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="574"/>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/ChartsPage.cpp" line="574"/>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>s1::ConfigReviewDialog</name>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="32"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="34"/>
        <source>Review changes</source>
        <translation>Änderungen prüfen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="95"/>
        <source>No changes.</source>
        <translation>Keine Änderungen.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="104"/>
        <source>1 line changed</source>
        <translation>1 Zeile geändert</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="104"/>
        <source>%1 lines changed</source>
        <translation>%1 Zeilen geändert</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="106"/>
        <source>1 line added</source>
        <translation>1 Zeile hinzugefügt</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="106"/>
        <source>%1 lines added</source>
        <translation>%1 Zeilen hinzugefügt</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="108"/>
        <source>1 line removed</source>
        <translation>1 Zeile entfernt</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="108"/>
        <source>%1 lines removed</source>
        <translation>%1 Zeilen entfernt</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="109"/>
        <source>%1 (- as loaded, + as edited).</source>
        <translation>%1 (- wie geladen, + wie bearbeitet).</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="109"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="115"/>
        <source>The text has an error: fix it before applying.</source>
        <translation>Der Text enthält einen Fehler: Beheben Sie ihn vor dem Übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="116"/>
        <source>The text has %1 errors: fix them before applying.</source>
        <translation>Der Text enthält %1 Fehler: Beheben Sie sie vor dem Übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="125"/>
        <source>Back to editing</source>
        <translation>Zurück zum Bearbeiten</translation>
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
    <name>s1::ConfigurationDialog</name>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="27"/>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="28"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="88"/>
        <source>Edits not applied</source>
        <translation>Änderungen nicht übernommen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="89"/>
        <source>The configuration has edits that were not applied.</source>
        <translation>Die Konfiguration hat Änderungen, die nicht übernommen wurden.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="93"/>
        <source>They cannot be applied from here (the page says why). Discard them?</source>
        <translation>Sie können hier nicht übernommen werden (die Seite nennt den Grund). Verwerfen?</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="94"/>
        <source>Apply them now (the file is written and the engine reloads), discard them, or go back to editing?</source>
        <translation>Jetzt übernehmen (die Datei wird geschrieben und die Engine lädt neu), verwerfen oder weiter bearbeiten?</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="98"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="101"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="103"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>s1::ConfigurationPage</name>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="80"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="81"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="83"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="85"/>
        <source>Line %1: %2: %3</source>
        <translation>Zeile %1: %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="86"/>
        <source>Line %1, column %2: %3: %4</source>
        <translation>Zeile %1, Spalte %2: %3: %4</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="153"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="154"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1088"/>
        <source>Review changes…</source>
        <translation>Änderungen prüfen…</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="163"/>
        <source>Read the file again; edits not applied are kept</source>
        <translation>Die Datei neu einlesen; nicht übernommene Änderungen bleiben erhalten</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="181"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="182"/>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="183"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="184"/>
        <source>Clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="185"/>
        <source>Logging</source>
        <translation>Logs</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="186"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="394"/>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="402"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="535"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="438"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="439"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1197"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="440"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1198"/>
        <source>host name or address</source>
        <translation>Hostname oder Adresse</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="443"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="444"/>
        <source>/dev/pps0, /dev/ttyS0:9600…</source>
        <translation>/dev/pps0, /dev/ttyS0:9600…</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="460"/>
        <source>Min poll</source>
        <translation>Min. Poll</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="460"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="461"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="465"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="466"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="591"/>
        <source>log₂ s</source>
        <translation>log₂ s</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="461"/>
        <source>Max poll</source>
        <translation>Max. Poll</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="462"/>
        <source>Max delay</source>
        <translation>Max. Laufzeit</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="462"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="467"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="468"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="608"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="463"/>
        <source>Reference ID</source>
        <translation>Referenz-ID</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="463"/>
        <source>from the driver</source>
        <translation>vom Treiber</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="464"/>
        <source>Lock to</source>
        <translation>Koppeln an</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="464"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="610"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="629"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="464"/>
        <source>ref. ID</source>
        <translation>Ref.-ID</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="465"/>
        <source>Poll</source>
        <translation>Poll</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="466"/>
        <source>Driver poll</source>
        <translation>Treiber-Poll</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="467"/>
        <source>Offset</source>
        <translation>Versatz</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="468"/>
        <source>Delay</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="532"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="551"/>
        <source>allow</source>
        <translation>allow</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="552"/>
        <source>deny</source>
        <translation>deny</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="553"/>
        <source>allow all</source>
        <translation>allow all</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="554"/>
        <source>deny all</source>
        <translation>deny all</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="557"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="558"/>
        <source>Subnet</source>
        <translation>Subnetz</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="559"/>
        <source>every address</source>
        <translation>jede Adresse</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="562"/>
        <source>Without any allow line the server answers no client. Later lines win over earlier ones for the addresses they share.</source>
        <translation>Ohne eine allow-Zeile beantwortet der Server keinen Client. Spätere Zeilen haben für gemeinsame Adressen Vorrang vor früheren.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="582"/>
        <source>NTP port</source>
        <translation>NTP-Port</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="582"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="584"/>
        <source>Serve the local clock when no source is selected (local)</source>
        <translation>Lokale Uhr ausgeben, wenn keine Quelle ausgewählt ist (local)</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="586"/>
        <source>Local stratum</source>
        <translation>Lokales Stratum</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="588"/>
        <source>Orphan mode (orphan)</source>
        <translation>Orphan-Modus (orphan)</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="589"/>
        <source>Limit the rate of answers per client (ratelimit)</source>
        <translation>Antwortrate pro Client begrenzen (ratelimit)</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="591"/>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="592"/>
        <source>Burst</source>
        <translation>Burst</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="592"/>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="593"/>
        <source>Leak</source>
        <translation>Leak</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="593"/>
        <source>log₂ 1/n</source>
        <translation>log₂ 1/n</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="608"/>
        <source>Step when offset over</source>
        <translation>Stellen bei Versatz über</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="608"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="609"/>
        <source>…in the first</source>
        <translation>…in den ersten</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="609"/>
        <source>-1: always</source>
        <translation>-1: immer</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="609"/>
        <source>updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="610"/>
        <source>Drift file</source>
        <translation>Drift-Datei</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="611"/>
        <source>Max slew rate</source>
        <translation>Max. Slew-Rate</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="611"/>
        <source>ppm</source>
        <translation>ppm</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="612"/>
        <source>Leap second zone</source>
        <translation>Schaltsekunden-Zone</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="612"/>
        <source>right/UTC</source>
        <translation>right/UTC</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="627"/>
        <source>Log directory</source>
        <translation>Log-Verzeichnis</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="627"/>
        <source>/var/log/stratumone</source>
        <translation>/var/log/stratumone</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="629"/>
        <source>Alarm command</source>
        <translation>Alarmbefehl</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="631"/>
        <source>Metrics address</source>
        <translation>Metrik-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="631"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="631"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="632"/>
        <source>…port</source>
        <translation>…Port</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="632"/>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="634"/>
        <source>Write these logs (log):</source>
        <translation>Diese Logs schreiben (log):</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="710"/>
        <source>%1 (included, read-only)</source>
        <translation>%1 (eingebunden, schreibgeschützt)</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="765"/>
        <source>%1 read again; your edits are kept: review them against the file as it is now.</source>
        <translation>%1 neu eingelesen; Ihre Änderungen bleiben erhalten: Prüfen Sie sie gegen den jetzigen Stand der Datei.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="771"/>
        <source>%1 does not exist yet: the built-in configuration runs. Applying creates the file.</source>
        <translation>%1 existiert noch nicht: Die eingebaute Konfiguration läuft. Beim Übernehmen wird die Datei angelegt.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="775"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="806"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="807"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="831"/>
        <source>Read-only: %1</source>
        <translation>Schreibgeschützt: %1</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="791"/>
        <source>Could not read the configuration again: %1</source>
        <translation>Die Konfiguration konnte nicht neu eingelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="792"/>
        <source>Could not read the configuration: %1</source>
        <translation>Die Konfiguration konnte nicht eingelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="846"/>
        <source>Not applied: the configuration has not been read yet.</source>
        <translation>Nicht übernommen: Die Konfiguration wurde noch nicht eingelesen.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="848"/>
        <source>Not applied: %1</source>
        <translation>Nicht übernommen: %1</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="850"/>
        <source>Not applied: the last change is still being applied.</source>
        <translation>Nicht übernommen: Die letzte Änderung wird noch übernommen.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="852"/>
        <source>Not applied: the text has errors; they are listed in the Text tab.</source>
        <translation>Nicht übernommen: Der Text enthält Fehler; sie stehen im Reiter „Text“.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="854"/>
        <source>Nothing to apply: the text is as loaded.</source>
        <translation>Nichts zu übernehmen: Der Text ist wie geladen.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="861"/>
        <source>Applying…</source>
        <translation>Wird übernommen…</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="878"/>
        <source>Applied: the configuration was written and reloaded.</source>
        <translation>Übernommen: Die Konfiguration wurde geschrieben und neu geladen.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="879"/>
        <source>Applied: %1</source>
        <translation>Übernommen: %1</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="883"/>
        <source>Not applied, nothing was written: the configuration has errors.</source>
        <translation>Nicht übernommen, nichts geschrieben: Die Konfiguration enthält Fehler.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="892"/>
        <source>%1:%2:%3: %4</source>
        <translation>%1:%2:%3: %4</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="906"/>
        <source>Not applied: the file changed on disk since it was loaded. Reload it: your edits are kept and the review shows them against the file as it is now.</source>
        <translation>Nicht übernommen: Die Datei wurde seit dem Laden geändert. Laden Sie sie neu: Ihre Änderungen bleiben erhalten, und die Prüfung zeigt sie gegen den jetzigen Stand der Datei.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="911"/>
        <source>Not applied: the file could not be written (%1). The old file stays; your edits are kept.</source>
        <translation>Nicht übernommen: Die Datei konnte nicht geschrieben werden (%1). Die alte Datei bleibt; Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="920"/>
        <source>Written, but the new configuration did not start (%1); the previous one still runs.</source>
        <translation>Geschrieben, aber die neue Konfiguration startete nicht (%1); die vorherige läuft weiter.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="938"/>
        <source>Edits discarded: the page shows the file as loaded.</source>
        <translation>Änderungen verworfen: Die Seite zeigt die Datei wie geladen.</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1088"/>
        <source>No changes</source>
        <translation>Keine Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1195"/>
        <source>%1, line %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1195"/>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1197"/>
        <source>Driver</source>
        <translation>Treiber</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1198"/>
        <source>PPS, SHM, SOCK, PHC, NMEA</source>
        <translation>PPS, SHM, SOCK, PHC, NMEA</translation>
    </message>
</context>
<context>
    <name>s1::DashboardPage</name>
    <message>
        <location filename="../ui/dashboard/DashboardPage.cpp" line="104"/>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardPage.cpp" line="105"/>
        <source>Error bound</source>
        <translation>Fehlergrenze</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardPage.cpp" line="106"/>
        <source>Client requests</source>
        <translation>Client-Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardPage.cpp" line="107"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardPage.cpp" line="108"/>
        <source>PPS</source>
        <translation>PPS</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardPage.cpp" line="110"/>
        <source>Last event seen</source>
        <translation>Letztes Ereignis</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardPage.cpp" line="190"/>
        <source>Not live: last update %1</source>
        <translation>Nicht aktuell: Stand %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardPage.cpp" line="259"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>s1::GpsConfigurePage</name>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="66"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="69"/>
        <source>Configure the receiver (optional)</source>
        <translation>Empfänger einstellen (optional)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="72"/>
        <source>Not configurable</source>
        <translation>Nicht einstellbar</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="73"/>
        <source>u-blox 5 to 8</source>
        <translation>u-blox 5 bis 8</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="74"/>
        <source>u-blox 9 and later</source>
        <translation>u-blox 9 und neuer</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="75"/>
        <source>MediaTek / Quectel</source>
        <translation>MediaTek / Quectel</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="78"/>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="210"/>
        <source>%1 baud</source>
        <translation>%1 Baud</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="82"/>
        <source>Setting and messages sent</source>
        <translation>Einstellung und gesendete Nachrichten</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="82"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="97"/>
        <source>Speed:</source>
        <translation>Baudrate:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="130"/>
        <source>Receiver type:</source>
        <translation>Empfängertyp:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="141"/>
        <source>This receiver is not one the wizard can configure. Tap Next to use it as it is.</source>
        <translation>Diesen Empfänger kann der Assistent nicht einstellen. Tippen Sie auf Weiter, um ihn so zu verwenden, wie er ist.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="142"/>
        <source>Nothing has been sent yet. Apply sends these messages and reads every setting back; Next leaves the receiver as it is.</source>
        <translation>Noch wurde nichts gesendet. Übernehmen sendet diese Nachrichten und liest jede Einstellung zurück; Weiter lässt den Empfänger, wie er ist.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="181"/>
        <source>Sentences</source>
        <translation>Sätze</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="183"/>
        <source>Stationary model</source>
        <translation>Stationäres Modell</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="185"/>
        <source>Time pulse (PPS)</source>
        <translation>Sekundenimpuls (PPS)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="187"/>
        <source>Serial speed</source>
        <translation>Baudrate</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="189"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="204"/>
        <source>%1 on; %2 off</source>
        <translation>%1 an; %2 aus</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="206"/>
        <source>for a receiver that does not move</source>
        <translation>für einen Empfänger, der sich nicht bewegt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="208"/>
        <source>1 Hz, 100 ms, only with a fix</source>
        <translation>1 Hz, 100 ms, nur mit Fix</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="212"/>
        <source>to flash and battery-backed RAM</source>
        <translation>in Flash und batteriegepuffertes RAM</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="212"/>
        <source>to flash, then read back from it</source>
        <translation>in Flash, dann daraus zurückgelesen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="221"/>
        <source>planned</source>
        <translation>geplant</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="223"/>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="225"/>
        <source>verified</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="227"/>
        <source>acknowledged only</source>
        <translation>nur quittiert</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="229"/>
        <source>refused (NAK)</source>
        <translation>abgelehnt (NAK)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="231"/>
        <source>not confirmed</source>
        <translation>nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="233"/>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="235"/>
        <source>still at %1 baud</source>
        <translation>weiter mit %1 Baud</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="237"/>
        <source>not tried</source>
        <translation>nicht versucht</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="249"/>
        <source>the receiver refused %1</source>
        <translation>der Empfänger hat %1 abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="253"/>
        <source>%1 reads %2, asked for %3</source>
        <translation>%1 liest %2, verlangt war %3</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="256"/>
        <source>1 command not acknowledged</source>
        <translation>1 Befehl nicht quittiert</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="257"/>
        <source>%1 commands not acknowledged</source>
        <translation>%1 Befehle nicht quittiert</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="260"/>
        <source>no answer from the receiver.</source>
        <translation>keine Antwort vom Empfänger.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="260"/>
        <source>Check that its RX is wired to this port&apos;s TX.</source>
        <translation>Prüfen Sie, ob sein RX mit dem TX dieser Schnittstelle verbunden ist.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="263"/>
        <source>no answer at the new speed.</source>
        <translation>keine Antwort bei der neuen Baudrate.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="264"/>
        <source>The receiver still talks at %1 baud; the configuration will use that.</source>
        <translation>Der Empfänger sendet weiter mit %1 Baud; die Konfiguration verwendet diese.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="267"/>
        <source>not tried, the receiver had stopped answering.</source>
        <translation>nicht versucht, der Empfänger antwortete nicht mehr.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="273"/>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="281"/>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="287"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="285"/>
        <source>read back</source>
        <translation>zurücklesen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="285"/>
        <source>send</source>
        <translation>senden</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="313"/>
        <source>Configuring…</source>
        <translation>Wird eingestellt…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="362"/>
        <source>Every setting was read back as asked. The receiver talks at %1 baud.</source>
        <translation>Jede Einstellung wurde wie verlangt zurückgelesen. Der Empfänger sendet mit %1 Baud.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="365"/>
        <source>%1: the receiver has no way to read it back; it acknowledged it.</source>
        <translation>%1: Der Empfänger kann das nicht zurückmelden; er hat es quittiert.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="370"/>
        <source>1 setting not verified</source>
        <translation>1 Einstellung nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="370"/>
        <source>%1 settings not verified</source>
        <translation>%1 Einstellungen nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsConfigurePage.cpp" line="371"/>
        <source>%1 (the reasons are under each step); they stay as they were. Try Apply again, or use the maker&apos;s tool. The receiver talks at %2 baud.</source>
        <translation>%1 (die Gründe stehen unter jedem Schritt); sie bleiben, wie sie waren. Versuchen Sie Übernehmen erneut oder nutzen Sie das Programm des Herstellers. Der Empfänger sendet mit %2 Baud.</translation>
    </message>
</context>
<context>
    <name>s1::GpsDetectPage</name>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="34"/>
        <source>no fix yet (normal for a few minutes after power-up, or indoors)</source>
        <translation>noch kein Fix (normal in den ersten Minuten nach dem Einschalten oder in Innenräumen)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="36"/>
        <source>2D fix</source>
        <translation>2D-Fix</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="38"/>
        <source>3D fix</source>
        <translation>3D-Fix</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="40"/>
        <source>time only (fixed position)</source>
        <translation>nur Zeit (feste Position)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="48"/>
        <source>not reported yet</source>
        <translation>noch nicht gemeldet</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="52"/>
        <source>%1 (not valid yet)</source>
        <translation>%1 (noch nicht gültig)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="62"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="64"/>
        <source>Looking for the receiver</source>
        <translation>Suche nach dem Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="74"/>
        <source>Speed:</source>
        <translation>Baudrate:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="75"/>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="76"/>
        <source>Satellite systems:</source>
        <translation>Satellitensysteme:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="77"/>
        <source>Receiver:</source>
        <translation>Empfänger:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="78"/>
        <source>Fix:</source>
        <translation>Fix:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="79"/>
        <source>Satellites:</source>
        <translation>Satelliten:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="80"/>
        <source>Receiver time:</source>
        <translation>Empfängerzeit:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="170"/>
        <source>%1 baud</source>
        <translation>%1 Baud</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="173"/>
        <source>does not say</source>
        <translation>keine Angabe</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="176"/>
        <source>%1 used of %2 in view</source>
        <translation>%1 von %2 sichtbaren genutzt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="185"/>
        <source>Listening at %1 baud (speed %2 of %3)…</source>
        <translation>Empfang mit %1 Baud wird geprüft (Baudrate %2 von %3)…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="190"/>
        <source>Found a GPS receiver talking at %1 baud.</source>
        <translation>GPS-Empfänger gefunden, er sendet mit %1 Baud.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="192"/>
        <source>Nothing arrives at any speed (tried %1 baud). Check that the receiver has power, that its TX is wired to this port&apos;s RX, and that this is the right port.</source>
        <translation>Bei keiner Baudrate kommen Daten an (versucht: %1 Baud). Prüfen Sie, ob der Empfänger Strom hat, ob sein TX mit dem RX dieser Schnittstelle verbunden ist und ob es die richtige Schnittstelle ist.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="196"/>
        <source>Data arrives, but never a valid NMEA or UBX message (tried %1 baud). This is probably not a GPS receiver, or it talks at a speed not tried.</source>
        <translation>Es kommen Daten an, aber nie eine gültige NMEA- oder UBX-Nachricht (versucht: %1 Baud). Vermutlich ist dies kein GPS-Empfänger, oder er sendet mit einer nicht versuchten Baudrate.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="206"/>
        <source>NMEA 0183 and u-blox UBX</source>
        <translation>NMEA 0183 und u-blox UBX</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="208"/>
        <source>u-blox UBX (binary)</source>
        <translation>u-blox UBX (binär)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="209"/>
        <source>NMEA 0183</source>
        <translation>NMEA 0183</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="218"/>
        <source>not known yet</source>
        <translation>noch unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsDetectPage.cpp" line="224"/>
        <source>%1 (talkers %2)</source>
        <translation>%1 (Talker-IDs %2)</translation>
    </message>
</context>
<context>
    <name>s1::GpsPanel</name>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="145"/>
        <source>No GPS receiver configured</source>
        <translation>Kein GPS-Empfänger konfiguriert</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="154"/>
        <source>Add the receiver to the configuration as reference clocks, for example a serial NMEA receiver with its PPS output:</source>
        <translation>Tragen Sie den Empfänger als Referenzuhren in die Konfiguration ein, zum Beispiel einen seriellen NMEA-Empfänger mit seinem PPS-Ausgang:</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="199"/>
        <location filename="../ui/GpsPanel.cpp" line="241"/>
        <source>Fix</source>
        <translation>Fix</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="200"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="202"/>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="203"/>
        <source>Time valid</source>
        <translation>Zeit gültig</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="207"/>
        <source>Latitude</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="208"/>
        <source>Longitude</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="209"/>
        <source>Altitude</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="204"/>
        <source>P/H/V DOP</source>
        <translation>P/H/V-DOP</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="201"/>
        <source>Last message</source>
        <translation>Letzte Meldung</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="206"/>
        <location filename="../ui/GpsPanel.cpp" line="241"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="214"/>
        <location filename="../ui/GpsPanel.cpp" line="242"/>
        <source>PPS</source>
        <translation>PPS</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="215"/>
        <source>Pulses</source>
        <translation>Pulse</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="216"/>
        <source>Last pulse</source>
        <translation>Letzter Puls</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="217"/>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="219"/>
        <location filename="../ui/GpsPanel.cpp" line="242"/>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="221"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="222"/>
        <source>Serial</source>
        <translation>Seriell</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="223"/>
        <source>Sentences</source>
        <translation>Sätze</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="225"/>
        <location filename="../ui/GpsPanel.cpp" line="242"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="226"/>
        <source>Checksum</source>
        <translation>Prüfsumme</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="227"/>
        <source>Garbage</source>
        <translation>Unlesbar</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="228"/>
        <source>Overruns</source>
        <translation>Überläufe</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="241"/>
        <source>Signals</source>
        <translation>Signale</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="313"/>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="314"/>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="334"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="334"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="326"/>
        <location filename="../ui/GpsPanel.cpp" line="349"/>
        <location filename="../ui/GpsPanel.cpp" line="382"/>
        <location filename="../ui/GpsPanel.cpp" line="485"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="384"/>
        <source>%1 baud</source>
        <translation>%1 Baud</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="386"/>
        <source>%1 % of %2 baud</source>
        <translation>%1 % von %2 Baud</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="379"/>
        <source>USB, %1 bytes/s</source>
        <translation>USB, %1 Bytes/s</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="380"/>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="389"/>
        <source>%1 bytes/s over the last %2 s</source>
        <translation>%1 Bytes/s in den letzten %2 s</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="392"/>
        <source>%1: %2 bytes/s</source>
        <translation>%1: %2 Bytes/s</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="394"/>
        <source>The serial link is overloaded.</source>
        <translation>Die serielle Verbindung ist überlastet.</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="365"/>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="417"/>
        <source>No recent satellite data</source>
        <translation>Keine aktuellen Satellitendaten</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="418"/>
        <source>No satellites in view</source>
        <translation>Keine Satelliten in Sicht</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="419"/>
        <source>%1 in view: ● %2 used  ○ %3 not used</source>
        <translation>%1 in Sicht: ● %2 genutzt  ○ %3 ungenutzt</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="477"/>
        <source>No fix</source>
        <translation>Kein Fix</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="479"/>
        <source>2D</source>
        <translation>2D</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="481"/>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="483"/>
        <source>Time only</source>
        <translation>Nur Zeit</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="490"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="490"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="495"/>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="495"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="502"/>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="328"/>
        <location filename="../ui/GpsPanel.cpp" line="515"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="519"/>
        <source>%1 ms ago</source>
        <translation>vor %1 ms</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="311"/>
        <location filename="../ui/GpsPanel.cpp" line="521"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="522"/>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
</context>
<context>
    <name>s1::GpsPortPage</name>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="38"/>
        <source>Where is the GPS receiver connected?</source>
        <translation>Wo ist der GPS-Empfänger angeschlossen?</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="39"/>
        <source>Pick its serial port, or type the path of any other device.</source>
        <translation>Wählen Sie seine serielle Schnittstelle, oder geben Sie den Pfad eines anderen Geräts ein.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="47"/>
        <source>/dev/ttyAMA0</source>
        <translation>/dev/ttyAMA0</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="49"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="57"/>
        <source>Port:</source>
        <translation>Schnittstelle:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="85"/>
        <source>link to %1</source>
        <translation>Link auf %1</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="98"/>
        <source>No serial port found. Plug the receiver in and press Refresh, or type the port&apos;s path.</source>
        <translation>Keine serielle Schnittstelle gefunden. Schließen Sie den Empfänger an und tippen Sie auf „Aktualisieren“, oder geben Sie den Pfad der Schnittstelle ein.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsPortPage.cpp" line="126"/>
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
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="37"/>
        <source>Write configuration</source>
        <translation>Konfiguration schreiben</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="40"/>
        <source>Review and write</source>
        <translation>Prüfen und schreiben</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="63"/>
        <source>Why offset %1: a receiver sends the time of a second about 0.1 s after the second starts. Why delay %2: serial time jitters by milliseconds, so better sources must outweigh it.</source>
        <translation>„offset %1“: Der Empfänger meldet die Sekunde rund 0,1 s nach ihrem Beginn. „delay %2“: Serielle Zeit schwankt um Millisekunden; bessere Quellen wiegen mehr.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="79"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="89"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="97"/>
        <source>These lines will be written:</source>
        <translation>Diese Zeilen werden geschrieben:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="129"/>
        <source>Choose a configuration file.</source>
        <translation>Wählen Sie eine Konfigurationsdatei.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="171"/>
        <source>%1 does not exist yet: it will be created with the pool, service to the local networks, a drift file, makestep and rtcsync, and the receiver&apos;s lines.</source>
        <translation>%1 existiert noch nicht: Sie wird mit Pool, Dienst fürs lokale Netz, Drift-Datei, makestep, rtcsync und den Zeilen des Empfängers angelegt.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="237"/>
        <source>Written to %1.</source>
        <translation>In %1 geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="175"/>
        <source>Added at the end of %1; the rest of the file is kept as it is.</source>
        <translation>Wird am Ende von %1 angefügt; der Rest der Datei bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="181"/>
        <source>Replaces line %1 of %2 (the same device&apos;s earlier setting); the rest of the file is kept as it is.</source>
        <translation>Ersetzt Zeile %1 in %2 (die frühere Einstellung desselben Geräts); der Rest der Datei bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="183"/>
        <source>Replaces lines %1 of %2 (the same device&apos;s earlier settings); the rest of the file is kept as it is.</source>
        <translation>Ersetzt die Zeilen %1 in %2 (die früheren Einstellungen desselben Geräts); der Rest der Datei bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="213"/>
        <source>Configuration file</source>
        <translation>Konfigurationsdatei</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsReviewPage.cpp" line="232"/>
        <source>Not written: %1</source>
        <translation>Nicht geschrieben: %1</translation>
    </message>
</context>
<context>
    <name>s1::GpsSetupWizard</name>
    <message>
        <location filename="../ui/wizard/GpsSetupWizard.cpp" line="22"/>
        <source>Set up a GPS receiver</source>
        <translation>GPS-Empfänger einrichten</translation>
    </message>
    <message>
        <location filename="../ui/wizard/GpsSetupWizard.cpp" line="26"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>s1::InProcessEngine</name>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="91"/>
        <source>the engine is restarting; try again</source>
        <translation>die Engine startet neu; bitte erneut versuchen</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="100"/>
        <source>a reload is already in progress</source>
        <translation>ein Neuladen läuft bereits</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="105"/>
        <source>(built-in configuration)</source>
        <translation>(eingebaute Konfiguration)</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="111"/>
        <source>%1 has errors; the running configuration is kept
%2</source>
        <translation>%1 enthält Fehler; die laufende Konfiguration bleibt
%2</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="132"/>
        <source>; history not saved (%1)</source>
        <translation>; Verlauf nicht gespeichert (%1)</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="187"/>
        <source>%1 is not writable by user %2; run the service (stratumone --service) and join its control group</source>
        <translation>%1 ist für Benutzer %2 nicht beschreibbar; starten Sie den Dienst (stratumone --service) und treten Sie seiner Steuergruppe bei</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="225"/>
        <source>a reload is already in progress; try again</source>
        <translation>ein Neuladen läuft bereits; bitte erneut versuchen</translation>
    </message>
</context>
<context>
    <name>s1::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="126"/>
        <source>Stratum One</source>
        <translation>Stratum One</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="143"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="144"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="145"/>
        <source>Tracking</source>
        <translation>Nachführung</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="149"/>
        <source>Chart</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="154"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="210"/>
        <source>Sources (%1)</source>
        <translation>Quellen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="244"/>
        <source>1 configuration warning</source>
        <translation>1 Warnung der Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="245"/>
        <source>%1 configuration warnings</source>
        <translation>%1 Warnungen der Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="328"/>
        <source>Reload: %1</source>
        <translation>Neu laden: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="330"/>
        <source>Step clock: %1</source>
        <translation>Uhr stellen: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="367"/>
        <source>Applying the calibration of %1…</source>
        <translation>Die Kalibrierung von %1 wird angewendet…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="426"/>
        <source>Reload configuration</source>
        <translation>Konfiguration neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="428"/>
        <source>Read the configuration file again and restart the engine with it (%1)</source>
        <translation>Die Konfigurationsdatei neu einlesen und die Engine damit neu starten (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="431"/>
        <location filename="../ui/MainWindow.cpp" line="615"/>
        <source>Step clock now</source>
        <translation>Uhr jetzt stellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="433"/>
        <source>Correct the whole remaining offset at once instead of slewing it (%1)</source>
        <translation>Den ganzen verbleibenden Versatz auf einmal korrigieren, statt ihn allmählich anzugleichen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="437"/>
        <source>GPS set-up…</source>
        <translation>GPS einrichten…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="439"/>
        <source>Find a GPS receiver on a serial port and add it to the configuration (%1)</source>
        <translation>Einen GPS-Empfänger an einer seriellen Schnittstelle suchen und in die Konfiguration eintragen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="443"/>
        <source>Configuration…</source>
        <translation>Konfiguration…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="444"/>
        <source>Edit the configuration file, review and apply it (%1)</source>
        <translation>Die Konfigurationsdatei bearbeiten, prüfen und übernehmen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="451"/>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="452"/>
        <source>Use the whole screen, without title bar (%1)</source>
        <translation>Den ganzen Bildschirm nutzen, ohne Titelleiste (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="455"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="456"/>
        <source>Close the window (%1)</source>
        <translation>Das Fenster schließen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="459"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="460"/>
        <source>The state at a glance, in place of the tabs (%1)</source>
        <translation>Der Zustand auf einen Blick, anstelle der Reiter (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="465"/>
        <source>Leave kiosk mode</source>
        <translation>Kiosk-Modus verlassen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="466"/>
        <source>Show the whole window (%1)</source>
        <translation>Das ganze Fenster zeigen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="478"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="482"/>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="577"/>
        <source>Stratum One dashboard</source>
        <translation>Stratum One – Dashboard</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="606"/>
        <source>Reloading the configuration…</source>
        <translation>Konfiguration wird neu geladen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="615"/>
        <source>Step the clock now?</source>
        <translation>Die Uhr jetzt stellen?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="479"/>
        <location filename="../ui/MainWindow.cpp" line="627"/>
        <source>Step clock</source>
        <translation>Uhr stellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="640"/>
        <source>Stepping the clock…</source>
        <translation>Uhr wird gestellt…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="683"/>
        <location filename="../ui/MainWindow.cpp" line="704"/>
        <source>GPS receiver added to %1: reload the configuration to use it.</source>
        <translation>GPS-Empfänger in %1 eingetragen: Laden Sie die Konfiguration neu, um ihn zu nutzen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="480"/>
        <location filename="../ui/MainWindow.cpp" line="688"/>
        <source>GPS set-up</source>
        <translation>GPS einrichten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="621"/>
        <source>No correction is pending: the clock will not move.</source>
        <translation>Es steht keine Korrektur aus: Die Uhr bleibt, wie sie ist.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="622"/>
        <source>The time served jumps by %1 (it is now %2 %3 of NTP time).</source>
        <translation>Die ausgegebene Zeit springt um %1 (sie geht jetzt %2 %3 gegenüber der NTP-Zeit).</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="624"/>
        <source>fast</source>
        <translation>vor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="624"/>
        <source>slow</source>
        <translation>nach</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="625"/>
        <source>The whole remaining offset is corrected at once instead of gradually.</source>
        <translation>Der ganze verbleibende Versatz wird auf einmal statt allmählich korrigiert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="684"/>
        <source>GPS receiver added to %1 (reload: %2).</source>
        <translation>GPS-Empfänger in %1 eingetragen (Neu laden: %2).</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="687"/>
        <source>GPS receiver added to %1.</source>
        <translation>GPS-Empfänger in %1 eingetragen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="688"/>
        <source>Reload the configuration now?</source>
        <translation>Konfiguration jetzt neu laden?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="691"/>
        <source>The receiver is used once the configuration is read again.</source>
        <translation>Der Empfänger wird verwendet, sobald die Konfiguration neu gelesen ist.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="692"/>
        <source>Reload now</source>
        <translation>Jetzt neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="694"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="756"/>
        <source>Action failed</source>
        <translation>Aktion fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="852"/>
        <source>Local clock, stratum %1</source>
        <translation>Lokale Uhr, Stratum %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="856"/>
        <source>No source selected</source>
        <translation>Keine Quelle ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="863"/>
        <source>Last known: %1</source>
        <translation>Zuletzt bekannt: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="927"/>
        <source>Updated %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="927"/>
        <source>Stale: last update %1</source>
        <translation>Veraltet: Stand %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="818"/>
        <source>Waiting for the engine</source>
        <translation>Warten auf die Engine</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="859"/>
        <source>Not synchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="847"/>
        <source>Synchronised to %1, stratum %2</source>
        <translation>Synchronisiert mit %1, Stratum %2</translation>
    </message>
</context>
<context>
    <name>s1::ReferencePanel</name>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="18"/>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="19"/>
        <source>Synchronised</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="20"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="21"/>
        <source>Reference ID</source>
        <translation>Referenz-ID</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="22"/>
        <source>Leap status</source>
        <translation>Schaltsekunde</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="23"/>
        <source>Root delay</source>
        <translation>Gesamtlaufzeit</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="24"/>
        <source>Root dispersion</source>
        <translation>Gesamtstreuung</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="25"/>
        <source>Last update</source>
        <translation>Letzte Aktualisierung</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="26"/>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="36"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="36"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="46"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="48"/>
        <source>%1 (2^%2 s)</source>
        <translation>%1 (2^%2 s)</translation>
    </message>
</context>
<context>
    <name>s1::SerialReceiverConfigurator</name>
    <message>
        <location filename="../ui/wizard/SerialReceiverConfigurator.cpp" line="108"/>
        <source>%1 went away (%2).</source>
        <translation>%1 ist nicht mehr verfügbar (%2).</translation>
    </message>
</context>
<context>
    <name>s1::SerialReceiverProbe</name>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="37"/>
        <source>Permission denied: %1. Run the wizard as root, or give your user access to the port.</source>
        <translation>Zugriff verweigert: %1. Starten Sie den Assistenten als root, oder geben Sie Ihrem Benutzer Zugriff auf die Schnittstelle.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="39"/>
        <source>Permission denied: %1 belongs to the group &quot;%2&quot;. Add your user to it (sudo adduser $USER %2), log out and in again, then retry.</source>
        <translation>Zugriff verweigert: %1 gehört zur Gruppe „%2“. Fügen Sie Ihren Benutzer der Gruppe hinzu (sudo adduser $USER %2), melden Sie sich ab und wieder an, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="44"/>
        <source>No such port: %1. Check the name, or that the receiver is plugged in.</source>
        <translation>Schnittstelle nicht vorhanden: %1. Prüfen Sie den Namen und ob der Empfänger angeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="46"/>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/wizard/SerialReceiverProbe.cpp" line="127"/>
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
        <location filename="../ui/ServerStatsPanel.cpp" line="17"/>
        <source>Requests received</source>
        <translation>Anfragen erhalten</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="18"/>
        <source>Replies sent</source>
        <translation>Antworten gesendet</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="20"/>
        <source>Rate kiss-o&apos;-death</source>
        <translation>Kiss-o&apos;-Death RATE</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="21"/>
        <source>Signed with a key</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="22"/>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="23"/>
        <source>Malformed</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="24"/>
        <source>Bad version</source>
        <translation>Falsche Version</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="25"/>
        <source>Bad mode</source>
        <translation>Falscher Modus</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="26"/>
        <source>Access denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="27"/>
        <source>Rate limited</source>
        <translation>Ratenbegrenzt</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="29"/>
        <source>Bad key or MAC</source>
        <translation>MAC ungültig</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="30"/>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="41"/>
        <source>UDP port %1</source>
        <translation>UDP-Port %1</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="43"/>
        <source>Not serving</source>
        <translation>Kein Dienst</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="46"/>
        <source>Not serving: %1</source>
        <translation>Kein Dienst: %1</translation>
    </message>
</context>
<context>
    <name>s1::ServiceViewer</name>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="48"/>
        <source>Not connected to the service: %1</source>
        <translation>Nicht mit dem Dienst verbunden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ServiceViewer.cpp" line="124"/>
        <source>Service at %1: no update for %n s</source>
        <translation>
            <numerusform>Dienst unter %1: seit %n s keine Aktualisierung</numerusform>
            <numerusform>Dienst unter %1: seit %n s keine Aktualisierung</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="140"/>
        <source>Service at %1: connecting</source>
        <translation>Dienst unter %1: Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="142"/>
        <source>Service at %1: connected</source>
        <translation>Dienst unter %1: verbunden</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="148"/>
        <source>Service disconnected: %1; reconnecting</source>
        <translation>Dienst getrennt: %1; neuer Verbindungsversuch</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="154"/>
        <source>Reload failed: %1</source>
        <translation>Neu laden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="157"/>
        <source>Configuration reloaded</source>
        <translation>Konfiguration neu geladen</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ServiceViewer.cpp" line="159"/>
        <source>Configuration reloaded with %n warning(s): %1</source>
        <translation>
            <numerusform>Konfiguration neu geladen, %n Warnung: %1</numerusform>
            <numerusform>Konfiguration neu geladen, %n Warnungen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="166"/>
        <source>Clock step failed: %1</source>
        <translation>Stellen der Uhr fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="169"/>
        <source>Clock step done: no correction was pending</source>
        <translation>Uhr gestellt: Es stand keine Korrektur aus</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="170"/>
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
        <location filename="../ui/SkyPlotWidget.cpp" line="89"/>
        <source>no signal</source>
        <translation>kein Signal</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="90"/>
        <source>used in fix</source>
        <translation>im Fix genutzt</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="90"/>
        <source>not used</source>
        <translation>ungenutzt</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="91"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="195"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="195"/>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="195"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../ui/SkyPlotWidget.cpp" line="195"/>
        <source>W</source>
        <translation>W</translation>
    </message>
</context>
<context>
    <name>s1::SnapshotFeed</name>
    <message>
        <location filename="../ui/SnapshotFeed.h" line="41"/>
        <source>This feed has no configuration file</source>
        <translation>Dieser Datenstrom hat keine Konfigurationsdatei</translation>
    </message>
    <message>
        <location filename="../ui/SnapshotFeed.h" line="55"/>
        <source>This feed keeps no history</source>
        <translation>Dieser Datenstrom speichert keinen Verlauf</translation>
    </message>
</context>
<context>
    <name>s1::SourceDetailDialog</name>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="38"/>
        <source>%1 ppm</source>
        <translation>%1 ppm</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="51"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="78"/>
        <source>Source (ntpdata)</source>
        <translation>Quelle (ntpdata)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="79"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="80"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="81"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="82"/>
        <source>Reference ID</source>
        <translation>Referenz-ID</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="83"/>
        <source>Leap status</source>
        <translation>Schaltsekunde</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="84"/>
        <source>Poll</source>
        <translation>Poll</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="85"/>
        <source>Reach</source>
        <translation>Reach</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="86"/>
        <source>Last good sample</source>
        <translation>Letzter guter Messwert</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="87"/>
        <location filename="../ui/SourceDetailDialog.cpp" line="99"/>
        <source>Offset (local−src)</source>
        <translation>Versatz (lokal−Quelle)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="88"/>
        <source>Delay</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="89"/>
        <source>Dispersion</source>
        <translation>Streuung</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="90"/>
        <source>Root delay</source>
        <translation>Gesamtlaufzeit</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="91"/>
        <source>Root dispersion</source>
        <translation>Gesamtstreuung</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="92"/>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="95"/>
        <source>Statistics (sourcestats)</source>
        <translation>Statistik (sourcestats)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="96"/>
        <source>Samples / runs</source>
        <translation>Messwerte / Läufe</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="97"/>
        <source>Span</source>
        <translation>Zeitspanne</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="98"/>
        <source>Frequency</source>
        <translation>Frequenz</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="100"/>
        <source>Std dev</source>
        <translation>Std.-Abw.</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="101"/>
        <source>Selection (selectdata)</source>
        <translation>Auswahl (selectdata)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="102"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="103"/>
        <source>Interval (local−src)</source>
        <translation>Intervall (lokal−Quelle)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="104"/>
        <source>Calibration</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="127"/>
        <source>Apply calibration</source>
        <translation>Kalibrierung anwenden</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="154"/>
        <source>%1 (last known state)</source>
        <translation>%1 (zuletzt bekannter Zustand)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="160"/>
        <source>Never selected: %1</source>
        <translation>Nie ausgewählt: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="173"/>
        <source>Driver: %1</source>
        <translation>Treiber: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="175"/>
        <source>Last reply rejected: %1</source>
        <translation>Letzte Antwort abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="177"/>
        <source>Kiss-o&apos;-death received: %1</source>
        <translation>Kiss-o’-Death erhalten: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="189"/>
        <source>What to do: %1</source>
        <translation>Was zu tun ist: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="195"/>
        <source>%1 from pool %2</source>
        <translation>%1 aus Pool %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="206"/>
        <source>%1 (2^%2 s)</source>
        <translation>%1 (2^%2 s)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="207"/>
        <source>%1 (%2, newest on the right)</source>
        <translation>%1 (%2, die neueste rechts)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="209"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="209"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="216"/>
        <source>%1 sent, %2 accepted, %3 rejected</source>
        <translation>%1 gesendet, %2 angenommen, %3 abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="222"/>
        <source>None yet</source>
        <translation>Noch keine</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="224"/>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="231"/>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="243"/>
        <source>offset %1 delay %2</source>
        <translation>offset %1 delay %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="246"/>
        <source>%1 (median of %2 samples against %3)</source>
        <translation>%1 (Median aus %2 Messungen gegen %3)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="250"/>
        <source>measuring against %1: %2 of %3 s</source>
        <translation>Messung gegen %1: %2 von %3 s</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="270"/>
        <source>The proposal is not ready: it needs a whole measuring window</source>
        <translation>Der Vorschlag ist noch nicht fertig: er braucht ein ganzes Messfenster</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="274"/>
        <source>Writes offset %1 delay %2 into the refclock line of %3, then reloads</source>
        <translation>Schreibt offset %1 delay %2 in die refclock-Zeile von %3 und lädt dann neu</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="286"/>
        <source>No longer in the list: the configuration was reloaded, or the name now has an address.</source>
        <translation>Nicht mehr in der Liste: Die Konfiguration wurde neu geladen, oder der Name hat jetzt eine Adresse.</translation>
    </message>
</context>
<context>
    <name>s1::SourcesTableModel</name>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="120"/>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="122"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="124"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="126"/>
        <source>Poll</source>
        <translation>Poll</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="128"/>
        <source>Reach</source>
        <translation>Reach</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="130"/>
        <source>Last Rx</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="135"/>
        <source>Delay</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="137"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="143"/>
        <source>Mode (^ server, = peer, # reference clock) and state (* selected, + combined, - not combined, x falseticker, ~ too variable, ? unusable)</source>
        <translation>Modus (^ Server, = Peer, # Referenzuhr) und Zustand (* ausgewählt, + kombiniert, - Reserve (nicht kombiniert), x Falschgeher, ~ zu unstet, ? unbrauchbar)</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="146"/>
        <source>Host name or address of the source</source>
        <translation>Hostname oder Adresse der Quelle</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="148"/>
        <source>Distance from a reference clock, in NTP hops</source>
        <translation>Abstand zu einer Referenzuhr, in NTP-Stufen</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="150"/>
        <source>Polling interval as a power of 2 seconds</source>
        <translation>Abfrageintervall als Zweierpotenz in Sekunden</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="152"/>
        <source>Replies to the last 8 polls, as an octal bit mask</source>
        <translation>Antworten auf die letzten 8 Abfragen, als oktale Bitmaske</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="154"/>
        <source>Time since the last good sample (seconds unless marked m, h, d, y)</source>
        <translation>Zeit seit dem letzten guten Messwert (Sekunden, außer mit m, h, T, J markiert)</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="133"/>
        <source>Offset
local−src</source>
        <translation>Versatz
lokal−Qu.</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="156"/>
        <source>Offset of the last sample as chronyc shows it: positive when the local clock is ahead of the source</source>
        <translation>Versatz des letzten Messwerts wie bei chronyc: positiv, wenn die lokale Uhr der Quelle vorausgeht</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="159"/>
        <source>Round-trip delay of the last sample</source>
        <translation>Umlaufzeit des letzten Messwerts</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="161"/>
        <source>Why the source is not used, or how it is used</source>
        <translation>Warum die Quelle nicht genutzt wird, oder wie sie genutzt wird</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="325"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="329"/>
        <source>Address: %1</source>
        <translation>Adresse: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="331"/>
        <source>From pool: %1</source>
        <translation>Aus dem Pool: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="332"/>
        <source>Reference ID: %1</source>
        <translation>Referenz-ID: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="333"/>
        <source>Requests sent: %1, replies accepted: %2, rejected: %3</source>
        <translation>Anfragen gesendet: %1, Antworten angenommen: %2, abgelehnt: %3</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="339"/>
        <source>Stratum %1, leap status: %2</source>
        <translation>Stratum %1, Schaltsekunde: %2</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="341"/>
        <source>Polling every %1</source>
        <translation>Abfrage alle %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="343"/>
        <source>Last 8 polls, newest on the right (1: reply received): %1</source>
        <translation>Letzte 8 Abfragen, die neueste rechts (1: Antwort erhalten): %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="346"/>
        <source>Last good sample %1 s ago</source>
        <translation>Letzter guter Messwert vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="347"/>
        <source>No good sample yet</source>
        <translation>Noch kein guter Messwert</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="354"/>
        <source>Last reply rejected: %1</source>
        <translation>Letzte Antwort abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="356"/>
        <source>Kiss-o&apos;-death received: %1</source>
        <translation>Kiss-o’-Death erhalten: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="401"/>
        <source>Cannot resolve %1</source>
        <translation>%1 nicht auflösbar</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="402"/>
        <source>Resolving name</source>
        <translation>Name wird aufgelöst</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="405"/>
        <source>Never selected: authentication</source>
        <translation>Nie ausgewählt: Authentifizierung</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="410"/>
        <source>KoD %1</source>
        <translation>KoD %1</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="414"/>
        <source>No reply</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="423"/>
        <source>No sample yet</source>
        <translation>Noch kein Messwert</translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="425"/>
        <source>Last sample: offset %1 (local clock minus source), delay %2, dispersion %3
Source root delay %4, root dispersion %5</source>
        <translation>Letzter Messwert: Versatz %1 (lokale Uhr minus Quelle), Laufzeit %2, Streuung %3
Gesamtlaufzeit der Quelle %4, Gesamtstreuung %5</translation>
    </message>
</context>
<context>
    <name>s1::StabilityView</name>
    <message>
        <source>%1 offset per pulse edge</source>
        <translation type="vanished">%1 Abweichung je Impulsflanke</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="387"/>
        <source>%1 jitter per poll</source>
        <translation>%1 Jitter je Abfrage</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="100"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="102"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="104"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="105"/>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="123"/>
        <source>The source whose offsets are analysed beside the system clock&apos;s</source>
        <translation>Die Quelle, deren Abweichungen neben denen der Systemuhr ausgewertet werden</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="145"/>
        <location filename="../ui/charts/StabilityView.cpp" line="362"/>
        <location filename="../ui/charts/StabilityView.cpp" line="375"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="308"/>
        <source>No history: no feed</source>
        <translation>Kein Verlauf: keine Datenquelle</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="310"/>
        <source>No history: %1</source>
        <translation>Kein Verlauf: %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="312"/>
        <source>No sources</source>
        <translation>Keine Quellen</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="314"/>
        <source>No history yet: %1</source>
        <translation>Noch kein Verlauf: %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="316"/>
        <location filename="../ui/charts/StabilityView.cpp" line="414"/>
        <location filename="../ui/charts/StabilityView.cpp" line="415"/>
        <source>Loading history…</source>
        <translation>Verlauf wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="317"/>
        <source>Needs at least %1 samples in the range (has %2)</source>
        <translation>Braucht mindestens %1 Messwerte im Bereich (hat %2)</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="325"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="327"/>
        <source>%1: no samples in this range</source>
        <translation>%1: keine Messwerte in diesem Bereich</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="329"/>
        <source>%1: %2 samples every %3</source>
        <translation>%1: %2 Messwerte alle %3</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="332"/>
        <source>; needs at least %1 for the histogram</source>
        <translation>; das Histogramm braucht mindestens %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="334"/>
        <source>; median %1, IQR %2, 5–95 % %3 to %4</source>
        <translation>; Median %1, IQR %2, 5–95 % %3 bis %4</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="338"/>
        <source> (%1 outside the bins)</source>
        <translation> (%1 außerhalb der Klassen)</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="341"/>
        <source>; ADEV needs at least %1 samples in a row (longest %2)</source>
        <translation>; ADEV braucht mindestens %1 Messwerte am Stück (längste Folge %2)</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="345"/>
        <source>; ADEV from %1 points, τ₀ %2</source>
        <translation>; ADEV aus %1 Punkten, τ₀ %2</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="349"/>
        <source>, %1 bridged</source>
        <translation>, %1 überbrückt</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="351"/>
        <source>, split at %1 gaps</source>
        <translation>, an %1 Lücken geteilt</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="356"/>
        <source>; STALE: newest sample %1 old</source>
        <translation>; VERALTET: neuester Messwert %1 alt</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="367"/>
        <source>System clock</source>
        <translation>Systemuhr</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="380"/>
        <source>%1 offset per pulse edge (local−source)</source>
        <translation>Abweichung %1 je Impulsflanke (lokal−Quelle)</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="381"/>
        <source>%1 offset (local−source)</source>
        <translation>Abweichung %1 (lokal−Quelle)</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="394"/>
        <source>System clock offset</source>
        <translation>Abweichung der Systemuhr</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="399"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="409"/>
        <source>Needs at least %1 samples in a row</source>
        <translation>Braucht mindestens %1 Messwerte am Stück</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="414"/>
        <source>Overlapping ADEV</source>
        <translation>Überlappende ADEV</translation>
    </message>
    <message>
        <location filename="../ui/charts/StabilityView.cpp" line="415"/>
        <source>Time deviation TDEV</source>
        <translation>Zeitabweichung TDEV</translation>
    </message>
</context>
<context>
    <name>s1::TrackingPanel</name>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="29"/>
        <location filename="../ui/TrackingPanel.cpp" line="30"/>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="31"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="32"/>
        <source>Ref time</source>
        <translation>Ref.-Zeit</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="33"/>
        <source>Leap status</source>
        <translation>Schaltsekunde</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="34"/>
        <source>Root delay</source>
        <translation>Gesamtlaufzeit</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="35"/>
        <source>Root dispersion</source>
        <translation>Gesamtstreuung</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="37"/>
        <source>Local clock</source>
        <translation>Lokale Uhr</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="38"/>
        <source>System time</source>
        <translation>Systemzeit</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="39"/>
        <source>Last offset</source>
        <translation>Letzter Versatz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="40"/>
        <source>RMS offset</source>
        <translation>RMS-Versatz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="41"/>
        <source>Frequency</source>
        <translation>Frequenz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="42"/>
        <source>Residual freq</source>
        <translation>Restfrequenz</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="43"/>
        <source>Skew</source>
        <translation>Frequenzfehler</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="44"/>
        <source>Update interval</source>
        <translation>Update-Intervall</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="63"/>
        <source>%1 s fast</source>
        <translation>%1 s vor</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="63"/>
        <source>%1 s slow</source>
        <translation>%1 s nach</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="72"/>
        <source>%1 ppm fast</source>
        <translation>%1 ppm zu schnell</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="72"/>
        <source>%1 ppm slow</source>
        <translation>%1 ppm zu langsam</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="82"/>
        <source>Not synchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="86"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="88"/>
        <location filename="../ui/TrackingPanel.cpp" line="89"/>
        <location filename="../ui/TrackingPanel.cpp" line="96"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/TrackingPanel.cpp" line="92"/>
        <location filename="../ui/TrackingPanel.cpp" line="93"/>
        <source>%1 ppm</source>
        <translation>%1 ppm</translation>
    </message>
</context>
</TS>
