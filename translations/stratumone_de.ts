<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DisplayFormat</name>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="149"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="178"/>
        <source>%1m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="180"/>
        <source>%1h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="183"/>
        <source>%1y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="184"/>
        <source>%1d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="202"/>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="204"/>
        <source>Insert second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="206"/>
        <source>Delete second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="208"/>
        <source>Not synchronised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="210"/>
        <location filename="../ui/DisplayFormat.cpp" line="261"/>
        <location filename="../ui/DisplayFormat.cpp" line="274"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="249"/>
        <source>Not usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="251"/>
        <source>Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="253"/>
        <source>Combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="255"/>
        <source>Not combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="257"/>
        <source>Falseticker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="259"/>
        <source>Too variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="268"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="270"/>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="272"/>
        <source>Reference clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DisplayFormat.cpp" line="286"/>
        <source>%1 UTC</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="68"/>
        <source>In-process engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="69"/>
        <source>Engine failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>s1::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="47"/>
        <source>Stratum One</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="63"/>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="64"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="87"/>
        <source>Sources (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="88"/>
        <source>Updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="123"/>
        <source>Waiting for the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="143"/>
        <source>Not synchronised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="148"/>
        <source>Synchronised to %1, stratum %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>s1::ReferencePanel</name>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="26"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="27"/>
        <source>Synchronised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="28"/>
        <source>Stratum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="29"/>
        <source>Reference ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="30"/>
        <source>Leap status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="31"/>
        <source>Root delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="32"/>
        <source>Root dispersion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="33"/>
        <source>Last update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="34"/>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="44"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="44"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="54"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReferencePanel.cpp" line="55"/>
        <source>%1 (2^%2 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>s1::ServerStatsPanel</name>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="14"/>
        <source>NTP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="16"/>
        <source>Serving on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="18"/>
        <source>Requests received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="19"/>
        <source>Replies sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="20"/>
        <source>Dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="22"/>
        <source>Malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="24"/>
        <source>Bad version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="26"/>
        <source>Bad mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="28"/>
        <source>Access denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="29"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="39"/>
        <source>UDP port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ServerStatsPanel.cpp" line="39"/>
        <source>Not serving</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>s1::SourcesTableModel</name>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="122"/>
        <source>MS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="124"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="126"/>
        <source>Stratum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="128"/>
        <source>Poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="130"/>
        <source>Reach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="132"/>
        <source>Last Rx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="134"/>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="136"/>
        <source>Delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="138"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="144"/>
        <source>Mode (^ server, = peer, # reference clock) and state (* selected, + combined, - not combined, x falseticker, ~ too variable, ? unusable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="147"/>
        <source>Host name or address of the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="149"/>
        <source>Distance from a reference clock, in NTP hops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="151"/>
        <source>Polling interval as a power of 2 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="153"/>
        <source>Replies to the last 8 polls, as an octal bit mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="155"/>
        <source>Time since the last good sample (seconds unless marked m, h, d, y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="157"/>
        <source>Offset of the last sample; positive: the source is ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="159"/>
        <source>Round-trip delay of the last sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="161"/>
        <source>Why the source is not used, or how it is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="306"/>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="310"/>
        <source>Address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="312"/>
        <source>From pool: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="313"/>
        <source>Reference ID: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="314"/>
        <source>Requests sent: %1, replies accepted: %2, rejected: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="320"/>
        <source>Stratum %1, leap status: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="322"/>
        <source>Polling every %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="324"/>
        <source>Last 8 polls, newest on the right (1: reply received): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="328"/>
        <source>Last good sample %1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="329"/>
        <source>No good sample yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="336"/>
        <source>Last reply rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="339"/>
        <source>Kiss-o&apos;-death received: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="383"/>
        <source>Resolving name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="385"/>
        <source>KoD %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="389"/>
        <source>No reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="396"/>
        <source>No sample yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SourcesTableModel.cpp" line="398"/>
        <source>Last sample: offset %1, delay %2, dispersion %3
Source root delay %4, root dispersion %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
