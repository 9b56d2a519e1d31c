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
    <name>main</name>
    <message>
        <location filename="../app/SimulationFeed.cpp" line="13"/>
        <source>not available in the simulation</source>
        <translation>nicht in der Simulation</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="245"/>
        <source>%1, serving NTP on UDP port %2</source>
        <translation>%1, NTP auf UDP-Port %2</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="246"/>
        <source>%1, not serving NTP</source>
        <translation>%1, kein NTP-Dienst</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="102"/>
        <source>In-process engine</source>
        <translation>Prozessinterne Engine</translation>
    </message>
    <message>
        <location filename="../app/SimulationFeed.cpp" line="25"/>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="243"/>
        <source>Engine failed: %1</source>
        <translation>Engine fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>s1::ConfigReviewDialog</name>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="32"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="34"/>
        <source>Review changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="95"/>
        <source>No changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="104"/>
        <source>1 line changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="104"/>
        <source>%1 lines changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="106"/>
        <source>1 line added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="106"/>
        <source>%1 lines added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="108"/>
        <source>1 line removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="108"/>
        <source>%1 lines removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="109"/>
        <source>%1 (- as loaded, + as edited).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="109"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="115"/>
        <source>The text has an error: fix it before applying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="116"/>
        <source>The text has %1 errors: fix them before applying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigReviewDialog.cpp" line="125"/>
        <source>Back to editing</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="28"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="88"/>
        <source>Edits not applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="89"/>
        <source>The configuration has edits that were not applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="93"/>
        <source>They cannot be applied from here (the page says why). Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="94"/>
        <source>Apply them now (the file is written and the engine reloads), discard them, or go back to editing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="98"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="101"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationDialog.cpp" line="103"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>s1::ConfigurationPage</name>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="80"/>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="81"/>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="83"/>
        <source>%1: %2</source>
        <translation type="unfinished">%1, %2 {1:?}</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="85"/>
        <source>Line %1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="86"/>
        <source>Line %1, column %2: %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="153"/>
        <source>Reload</source>
        <translation type="unfinished">Neu laden</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="154"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1083"/>
        <source>Review changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="163"/>
        <source>Read the file again; edits not applied are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="181"/>
        <source>Sources</source>
        <translation type="unfinished">Quellen</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="182"/>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="183"/>
        <source>Server</source>
        <translation type="unfinished">Server</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="184"/>
        <source>Clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="185"/>
        <source>Logging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="186"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="394"/>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="402"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="535"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="438"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="439"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1192"/>
        <source>Address</source>
        <translation type="unfinished">Adresse</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="440"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1193"/>
        <source>host name or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="443"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="444"/>
        <source>/dev/pps0, /dev/ttyS0:9600…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="460"/>
        <source>Min poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="460"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="461"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="465"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="466"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="591"/>
        <source>log₂ s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="461"/>
        <source>Max poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="462"/>
        <source>Max delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="462"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="467"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="468"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="608"/>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="463"/>
        <source>Reference ID</source>
        <translation type="unfinished">Referenz-ID</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="463"/>
        <source>from the driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="464"/>
        <source>Lock to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="464"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="610"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="464"/>
        <source>ref. ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="465"/>
        <source>Poll</source>
        <translation type="unfinished">Poll</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="466"/>
        <source>Driver poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="467"/>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="468"/>
        <source>Delay</source>
        <translation type="unfinished">Laufzeit</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="532"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="551"/>
        <source>allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="552"/>
        <source>deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="553"/>
        <source>allow all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="554"/>
        <source>deny all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="557"/>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="558"/>
        <source>Subnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="559"/>
        <source>every address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="562"/>
        <source>Without any allow line the server answers no client. Later lines win over earlier ones for the addresses they share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="582"/>
        <source>NTP port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="582"/>
        <source>UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="584"/>
        <source>Serve the local clock when no source is selected (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="586"/>
        <source>Local stratum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="588"/>
        <source>Orphan mode (orphan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="589"/>
        <source>Limit the rate of answers per client (ratelimit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="591"/>
        <source>Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="592"/>
        <source>Burst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="592"/>
        <source>requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="593"/>
        <source>Leak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="593"/>
        <source>log₂ 1/n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="608"/>
        <source>Step when offset over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="608"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="609"/>
        <source>…in the first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="609"/>
        <source>-1: always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="609"/>
        <source>updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="610"/>
        <source>Drift file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="611"/>
        <source>Max slew rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="611"/>
        <source>ppm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="612"/>
        <source>Leap second zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="612"/>
        <source>right/UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="627"/>
        <source>Log directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="627"/>
        <source>/var/log/stratumone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="629"/>
        <source>Write these logs (log):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="705"/>
        <source>%1 (included, read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="760"/>
        <source>%1 read again; your edits are kept: review them against the file as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="766"/>
        <source>%1 does not exist yet: the built-in configuration runs. Applying creates the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="770"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="801"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="802"/>
        <location filename="../ui/config/ConfigurationPage.cpp" line="826"/>
        <source>Read-only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="786"/>
        <source>Could not read the configuration again: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="787"/>
        <source>Could not read the configuration: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="841"/>
        <source>Not applied: the configuration has not been read yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="843"/>
        <source>Not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="845"/>
        <source>Not applied: the last change is still being applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="847"/>
        <source>Not applied: the text has errors; they are listed in the Text tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="849"/>
        <source>Nothing to apply: the text is as loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="856"/>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="873"/>
        <source>Applied: the configuration was written and reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="874"/>
        <source>Applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="878"/>
        <source>Not applied, nothing was written: the configuration has errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="887"/>
        <source>%1:%2:%3: %4</source>
        <translation type="unfinished">%1, %4 {1:%2:%3:?}</translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="901"/>
        <source>Not applied: the file changed on disk since it was loaded. Reload it: your edits are kept and the review shows them against the file as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="906"/>
        <source>Not applied: the file could not be written (%1). The old file stays; your edits are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="915"/>
        <source>Written, but the new configuration did not start (%1); the previous one still runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="933"/>
        <source>Edits discarded: the page shows the file as loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1083"/>
        <source>No changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1190"/>
        <source>%1, line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1190"/>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1192"/>
        <source>Driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/config/ConfigurationPage.cpp" line="1193"/>
        <source>PPS, SHM, SOCK, PHC, NMEA</source>
        <translation type="unfinished"></translation>
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
        <location filename="../ui/GpsPanel.cpp" line="352"/>
        <location filename="../ui/GpsPanel.cpp" line="451"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="352"/>
        <source>%1 baud</source>
        <translation>%1 Baud</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="365"/>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="383"/>
        <source>No recent satellite data</source>
        <translation>Keine aktuellen Satellitendaten</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="384"/>
        <source>No satellites in view</source>
        <translation>Keine Satelliten in Sicht</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="385"/>
        <source>%1 in view: ● %2 used  ○ %3 not used</source>
        <translation>%1 in Sicht: ● %2 genutzt  ○ %3 ungenutzt</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="443"/>
        <source>No fix</source>
        <translation>Kein Fix</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="445"/>
        <source>2D</source>
        <translation>2D</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="447"/>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="449"/>
        <source>Time only</source>
        <translation>Nur Zeit</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="456"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="456"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="461"/>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="461"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="468"/>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="328"/>
        <location filename="../ui/GpsPanel.cpp" line="481"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="485"/>
        <source>%1 ms ago</source>
        <translation>vor %1 ms</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="311"/>
        <location filename="../ui/GpsPanel.cpp" line="487"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/GpsPanel.cpp" line="488"/>
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
        <location filename="../app/InProcessEngine.cpp" line="66"/>
        <source>the engine is restarting; try again</source>
        <translation>die Engine startet neu; bitte erneut versuchen</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="75"/>
        <source>a reload is already in progress</source>
        <translation>ein Neuladen läuft bereits</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="80"/>
        <source>(built-in configuration)</source>
        <translation>(eingebaute Konfiguration)</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="86"/>
        <source>%1 has errors; the running configuration is kept
%2</source>
        <translation>%1 enthält Fehler; die laufende Konfiguration bleibt
%2</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="113"/>
        <source>the new configuration did not start (%1); running the previous one again</source>
        <translation>die neue Konfiguration startete nicht (%1); die vorherige läuft wieder</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="114"/>
        <source>neither the new nor the previous configuration starts: %1</source>
        <translation>weder die neue noch die vorherige Konfiguration startet: %1</translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="156"/>
        <source>%1 is not writable by user %2; run the service (stratumone --service) and join its control group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/InProcessEngine.cpp" line="194"/>
        <source>a reload is already in progress; try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>s1::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="117"/>
        <source>Stratum One</source>
        <translation>Stratum One</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="134"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="135"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="136"/>
        <source>Tracking</source>
        <translation>Nachführung</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="140"/>
        <source>Chart</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="145"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="183"/>
        <source>Sources (%1)</source>
        <translation>Quellen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="199"/>
        <source>1 configuration warning</source>
        <translation>1 Warnung der Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="200"/>
        <source>%1 configuration warnings</source>
        <translation>%1 Warnungen der Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="281"/>
        <source>Reload: %1</source>
        <translation>Neu laden: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="283"/>
        <source>Step clock: %1</source>
        <translation>Uhr stellen: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="365"/>
        <source>Reload configuration</source>
        <translation>Konfiguration neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="367"/>
        <source>Read the configuration file again and restart the engine with it (%1)</source>
        <translation>Die Konfigurationsdatei neu einlesen und die Engine damit neu starten (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="370"/>
        <location filename="../ui/MainWindow.cpp" line="469"/>
        <source>Step clock now</source>
        <translation>Uhr jetzt stellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="372"/>
        <source>Correct the whole remaining offset at once instead of slewing it (%1)</source>
        <translation>Den ganzen verbleibenden Versatz auf einmal korrigieren, statt ihn allmählich anzugleichen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="376"/>
        <source>GPS set-up…</source>
        <translation>GPS einrichten…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="378"/>
        <source>Find a GPS receiver on a serial port and add it to the configuration (%1)</source>
        <translation>Einen GPS-Empfänger an einer seriellen Schnittstelle suchen und in die Konfiguration eintragen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="382"/>
        <source>Configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="383"/>
        <source>Edit the configuration file, review and apply it (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="390"/>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="391"/>
        <source>Use the whole screen, without title bar (%1)</source>
        <translation>Den ganzen Bildschirm nutzen, ohne Titelleiste (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="394"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="395"/>
        <source>Close the window (%1)</source>
        <translation>Das Fenster schließen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="405"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="409"/>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="460"/>
        <source>Reloading the configuration…</source>
        <translation>Konfiguration wird neu geladen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="469"/>
        <source>Step the clock now?</source>
        <translation>Die Uhr jetzt stellen?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="406"/>
        <location filename="../ui/MainWindow.cpp" line="481"/>
        <source>Step clock</source>
        <translation>Uhr stellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="494"/>
        <source>Stepping the clock…</source>
        <translation>Uhr wird gestellt…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="531"/>
        <location filename="../ui/MainWindow.cpp" line="552"/>
        <source>GPS receiver added to %1: reload the configuration to use it.</source>
        <translation>GPS-Empfänger in %1 eingetragen: Laden Sie die Konfiguration neu, um ihn zu nutzen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="407"/>
        <location filename="../ui/MainWindow.cpp" line="536"/>
        <source>GPS set-up</source>
        <translation>GPS einrichten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="475"/>
        <source>No correction is pending: the clock will not move.</source>
        <translation>Es steht keine Korrektur aus: Die Uhr bleibt, wie sie ist.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="476"/>
        <source>The time served jumps by %1 (it is now %2 %3 of NTP time).</source>
        <translation>Die ausgegebene Zeit springt um %1 (sie geht jetzt %2 %3 gegenüber der NTP-Zeit).</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="478"/>
        <source>fast</source>
        <translation>vor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="478"/>
        <source>slow</source>
        <translation>nach</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="479"/>
        <source>The whole remaining offset is corrected at once instead of gradually.</source>
        <translation>Der ganze verbleibende Versatz wird auf einmal statt allmählich korrigiert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="532"/>
        <source>GPS receiver added to %1 (reload: %2).</source>
        <translation>GPS-Empfänger in %1 eingetragen (Neu laden: %2).</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="535"/>
        <source>GPS receiver added to %1.</source>
        <translation>GPS-Empfänger in %1 eingetragen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="536"/>
        <source>Reload the configuration now?</source>
        <translation>Konfiguration jetzt neu laden?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="539"/>
        <source>The receiver is used once the configuration is read again.</source>
        <translation>Der Empfänger wird verwendet, sobald die Konfiguration neu gelesen ist.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="540"/>
        <source>Reload now</source>
        <translation>Jetzt neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="542"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="604"/>
        <source>Action failed</source>
        <translation>Aktion fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="700"/>
        <source>Local clock, stratum %1</source>
        <translation>Lokale Uhr, Stratum %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="704"/>
        <source>No source selected</source>
        <translation>Keine Quelle ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="711"/>
        <source>Last known: %1</source>
        <translation>Zuletzt bekannt: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="775"/>
        <source>Updated %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="775"/>
        <source>Stale: last update %1</source>
        <translation>Veraltet: Stand %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="666"/>
        <source>Waiting for the engine</source>
        <translation>Warten auf die Engine</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="707"/>
        <source>Not synchronised</source>
        <translation>Nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="695"/>
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
        <location filename="../ui/ServerStatsPanel.cpp" line="19"/>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="20"/>
        <source>Malformed</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="21"/>
        <source>Bad version</source>
        <translation>Falsche Version</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="22"/>
        <source>Bad mode</source>
        <translation>Falscher Modus</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="23"/>
        <source>Access denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="24"/>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="35"/>
        <source>UDP port %1</source>
        <translation>UDP-Port %1</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="37"/>
        <source>Not serving</source>
        <translation>Kein Dienst</translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="40"/>
        <source>Not serving: %1</source>
        <translation>Kein Dienst: %1</translation>
    </message>
</context>
<context>
    <name>s1::ServiceViewer</name>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="47"/>
        <source>Not connected to the service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ServiceViewer.cpp" line="110"/>
        <source>Service at %1: no update for %n s</source>
        <translation>
            <numerusform>Dienst unter %1: seit %n s keine Aktualisierung</numerusform>
            <numerusform>Dienst unter %1: seit %n s keine Aktualisierung</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="126"/>
        <source>Service at %1: connecting</source>
        <translation>Dienst unter %1: Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="128"/>
        <source>Service at %1: connected</source>
        <translation>Dienst unter %1: verbunden</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="134"/>
        <source>Service disconnected: %1; reconnecting</source>
        <translation>Dienst getrennt: %1; neuer Verbindungsversuch</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="140"/>
        <source>Reload failed: %1</source>
        <translation>Neu laden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="143"/>
        <source>Configuration reloaded</source>
        <translation>Konfiguration neu geladen</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ServiceViewer.cpp" line="145"/>
        <source>Configuration reloaded with %n warning(s): %1</source>
        <translation>
            <numerusform>Konfiguration neu geladen, %n Warnung: %1</numerusform>
            <numerusform>Konfiguration neu geladen, %n Warnungen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="152"/>
        <source>Clock step failed: %1</source>
        <translation>Stellen der Uhr fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="155"/>
        <source>Clock step done: no correction was pending</source>
        <translation>Uhr gestellt: Es stand keine Korrektur aus</translation>
    </message>
    <message>
        <location filename="../app/ServiceViewer.cpp" line="156"/>
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
        <location filename="../ui/SnapshotFeed.h" line="39"/>
        <source>This feed has no configuration file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>s1::SourceDetailDialog</name>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="35"/>
        <source>%1 ppm</source>
        <translation>%1 ppm</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="46"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="63"/>
        <source>Source (ntpdata)</source>
        <translation>Quelle (ntpdata)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="64"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="65"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="66"/>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="67"/>
        <source>Reference ID</source>
        <translation>Referenz-ID</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="68"/>
        <source>Leap status</source>
        <translation>Schaltsekunde</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="69"/>
        <source>Poll</source>
        <translation>Poll</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="70"/>
        <source>Reach</source>
        <translation>Reach</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="71"/>
        <source>Last good sample</source>
        <translation>Letzter guter Messwert</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="72"/>
        <location filename="../ui/SourceDetailDialog.cpp" line="84"/>
        <source>Offset (local−src)</source>
        <translation>Versatz (lokal−Quelle)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="73"/>
        <source>Delay</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="74"/>
        <source>Dispersion</source>
        <translation>Streuung</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="75"/>
        <source>Root delay</source>
        <translation>Gesamtlaufzeit</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="76"/>
        <source>Root dispersion</source>
        <translation>Gesamtstreuung</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="77"/>
        <source>Packets</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="80"/>
        <source>Statistics (sourcestats)</source>
        <translation>Statistik (sourcestats)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="81"/>
        <source>Samples / runs</source>
        <translation>Messwerte / Läufe</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="82"/>
        <source>Span</source>
        <translation>Zeitspanne</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="83"/>
        <source>Frequency</source>
        <translation>Frequenz</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="85"/>
        <source>Std dev</source>
        <translation>Std.-Abw.</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="86"/>
        <source>Selection (selectdata)</source>
        <translation>Auswahl (selectdata)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="87"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="88"/>
        <source>Interval (local−src)</source>
        <translation>Intervall (lokal−Quelle)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="127"/>
        <source>%1 (last known state)</source>
        <translation>%1 (zuletzt bekannter Zustand)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="133"/>
        <source>Never selected: %1</source>
        <translation>Nie ausgewählt: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="143"/>
        <source>Driver: %1</source>
        <translation>Treiber: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="145"/>
        <source>Last reply rejected: %1</source>
        <translation>Letzte Antwort abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="147"/>
        <source>Kiss-o&apos;-death received: %1</source>
        <translation>Kiss-o’-Death erhalten: %1</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="156"/>
        <source>%1 from pool %2</source>
        <translation>%1 aus Pool %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="167"/>
        <source>%1 (2^%2 s)</source>
        <translation>%1 (2^%2 s)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="168"/>
        <source>%1 (%2, newest on the right)</source>
        <translation>%1 (%2, die neueste rechts)</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="170"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="170"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="177"/>
        <source>%1 sent, %2 accepted, %3 rejected</source>
        <translation>%1 gesendet, %2 angenommen, %3 abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="183"/>
        <source>None yet</source>
        <translation>Noch keine</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="185"/>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="192"/>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <location filename="../ui/SourceDetailDialog.cpp" line="201"/>
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
