#include "SourcesTableModel.h"

#include "DisplayFormat.h"
#include "StatusColors.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <unordered_set>

namespace s1 {

namespace {

// Ordering for the state column: the source in use first, unusable ones last.
int stateRank(SourceState state)
{
    switch (state) {
    case SourceState::Selected:
        return 0;
    case SourceState::Combined:
        return 1;
    case SourceState::NotCombined:
        return 2;
    case SourceState::TooVariable:
        return 3;
    case SourceState::Falseticker:
        return 4;
    case SourceState::Unusable:
        return 5;
    }
    return 6;
}

bool isNumericColumn(int column)
{
    switch (column) {
    case SourcesTableModel::StratumColumn:
    case SourcesTableModel::PollColumn:
    case SourcesTableModel::ReachColumn:
    case SourcesTableModel::LastRxColumn:
    case SourcesTableModel::OffsetColumn:
    case SourcesTableModel::DelayColumn:
        return true;
    default:
        return false;
    }
}

QVariant alignmentFor(int column)
{
    if (column == SourcesTableModel::StateColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
    const Qt::Alignment horizontal = isNumericColumn(column) ? Qt::AlignRight : Qt::AlignLeft;
    return QVariant::fromValue(horizontal | Qt::AlignVCenter);
}

QString displayName(const SourceSnapshot &source)
{
    if (!source.name.empty())
        return QString::fromStdString(source.name);
    return QString::fromStdString(source.address.toString());
}

} // namespace

SourcesTableModel::SourcesTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int SourcesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_sources.size());
}

int SourcesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SourcesTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SourceSnapshot &source = sourceAt(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(source, column);
    case Qt::ToolTipRole:
        return toolTipData(source, column);
    case Qt::TextAlignmentRole:
        return alignmentFor(column);
    case Qt::ForegroundRole:
        return foregroundData(source, column);
    case Qt::FontRole:
        return fontData(column);
    case RawValueRole:
        return rawData(source, column);
    case SortRole:
        return sortData(source, column);
    case SourceIdRole:
        return QVariant::fromValue(source.id);
    default:
        return {};
    }
}

QVariant SourcesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return alignmentFor(section);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case StateColumn:
            return tr("MS");
        case NameColumn:
            return tr("Name");
        case StratumColumn:
            return tr("Stratum");
        case PollColumn:
            return tr("Poll");
        case ReachColumn:
            return tr("Reach");
        case LastRxColumn:
            return tr("Last Rx");
        case OffsetColumn:
            // Which sign, said where the numbers are: chronyc's, local clock minus source.
            return tr("Offset\nlocal\u2212src");
        case DelayColumn:
            return tr("Delay");
        case StatusColumn:
            return tr("Status");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case StateColumn:
            return tr("Mode (^ server, = peer, # reference clock) and state (* selected, "
                      "+ combined, - not combined, x falseticker, ~ too variable, ? unusable)");
        case NameColumn:
            return tr("Host name or address of the source");
        case StratumColumn:
            return tr("Distance from a reference clock, in NTP hops");
        case PollColumn:
            return tr("Polling interval as a power of 2 seconds");
        case ReachColumn:
            return tr("Replies to the last 8 polls, as an octal bit mask");
        case LastRxColumn:
            return tr("Time since the last good sample (seconds unless marked m, h, d, y)");
        case OffsetColumn:
            return tr("Offset of the last sample as chronyc shows it: positive when the local clock "
                      "is ahead of the source");
        case DelayColumn:
            return tr("Round-trip delay of the last sample");
        case StatusColumn:
            return tr("Why the source is not used, or how it is used");
        }
    }
    return {};
}

void SourcesTableModel::setSources(const std::vector<SourceSnapshot> &sources, RealTime now,
                                   const std::vector<UnresolvedName> &unresolved)
{
    const RealTime previousNow = m_now;
    m_now = now;
    std::vector<SourceSnapshot> all = sources;
    for (std::size_t i = 0; i < unresolved.size(); ++i) {
        // A row like a source still resolving; driverFault marks a name that found no address.
        SourceSnapshot row;
        row.id = kUnresolvedIdBase + static_cast<std::uint32_t>(i);
        row.name = unresolved[i].name;
        row.poolName = unresolved[i].pool ? unresolved[i].name : std::string();
        row.driverFault = unresolved[i].failed;
        all.push_back(std::move(row));
    }
    IncomingById incoming;
    for (const SourceSnapshot &source : all)
        incoming.emplace(source.id, &source); // a duplicate id keeps its first snapshot
    removeVanishedRows(incoming);
    updateKnownRows(incoming, previousNow);
    appendNewRows(all);
}

void SourcesTableModel::setStale(bool stale)
{
    if (stale == m_stale)
        return;
    m_stale = stale;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

int SourcesTableModel::rowOfSource(std::uint32_t id) const
{
    for (std::size_t row = 0; row < m_sources.size(); ++row) {
        if (m_sources[row].id == id)
            return static_cast<int>(row);
    }
    return -1;
}

void SourcesTableModel::removeVanishedRows(const IncomingById &incoming)
{
    // Bottom-up, one signal per contiguous run, so the row numbers still to visit stay valid.
    int row = rowCount() - 1;
    while (row >= 0) {
        if (incoming.contains(m_sources[static_cast<std::size_t>(row)].id)) {
            --row;
            continue;
        }
        const int last = row;
        while (row > 0 && !incoming.contains(m_sources[static_cast<std::size_t>(row - 1)].id))
            --row;
        beginRemoveRows({}, row, last);
        m_sources.erase(m_sources.begin() + row, m_sources.begin() + last + 1);
        endRemoveRows();
        --row;
    }
}

void SourcesTableModel::updateKnownRows(const IncomingById &incoming, RealTime previousNow)
{
    for (int row = 0; row < rowCount(); ++row) {
        SourceSnapshot &current = m_sources[static_cast<std::size_t>(row)];
        const SourceSnapshot &next = *incoming.at(current.id);
        if (current != next) {
            current = next;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else if (ageSeconds(current.lastRx, previousNow) != ageSeconds(current.lastRx, m_now)) {
            // Only the age moved on; repaint just that cell.
            const QModelIndex age = index(row, LastRxColumn);
            emit dataChanged(age, age);
        }
    }
}

void SourcesTableModel::appendNewRows(const std::vector<SourceSnapshot> &sources)
{
    std::unordered_set<std::uint32_t> known;
    for (const SourceSnapshot &source : m_sources)
        known.insert(source.id);
    std::vector<const SourceSnapshot *> added;
    for (const SourceSnapshot &source : sources) {
        if (known.insert(source.id).second)
            added.push_back(&source);
    }
    if (added.empty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    for (const SourceSnapshot *source : added)
        m_sources.push_back(*source);
    endInsertRows();
}

QVariant SourcesTableModel::displayData(const SourceSnapshot &source, int column) const
{
    switch (column) {
    case StateColumn:
        return QString(sourceModeSymbol(source.kind)) + sourceStateSymbol(source.state);
    case NameColumn:
        return displayName(source);
    case StratumColumn:
        return QString::number(source.stratum);
    case PollColumn:
        return QString::number(source.poll);
    case ReachColumn:
        return formatReach(source.reach);
    case LastRxColumn:
        return formatAge(ageSeconds(source.lastRx, m_now));
    case OffsetColumn:
        return source.lastSample ? formatSignedSeconds(chronycOffset(source.lastSample->offset)) : QStringLiteral("-");
    case DelayColumn:
        return source.lastSample ? formatSeconds(source.lastSample->delay) : QStringLiteral("-");
    case StatusColumn:
        return statusText(source);
    }
    return {};
}

QVariant SourcesTableModel::rawData(const SourceSnapshot &source, int column) const
{
    switch (column) {
    case StateColumn:
        return static_cast<int>(source.state);
    case NameColumn:
        return displayName(source);
    case StratumColumn:
        return source.stratum;
    case PollColumn:
        return source.poll;
    case ReachColumn:
        return static_cast<int>(source.reach);
    case LastRxColumn:
        if (const auto age = ageSeconds(source.lastRx, m_now))
            return QVariant::fromValue(static_cast<qint64>(*age));
        return {};
    case OffsetColumn:
        return source.lastSample ? QVariant(chronycOffset(source.lastSample->offset)) : QVariant();
    case DelayColumn:
        return source.lastSample ? QVariant(source.lastSample->delay) : QVariant();
    case StatusColumn:
        return statusText(source);
    }
    return {};
}

QVariant SourcesTableModel::sortData(const SourceSnapshot &source, int column) const
{
    if (column == StateColumn)
        return stateRank(source.state);
    return rawData(source, column);
}

QVariant SourcesTableModel::toolTipData(const SourceSnapshot &source, int column) const
{
    switch (column) {
    case StateColumn:
        return tr("%1, %2").arg(sourceKindText(source.kind), sourceStateText(source.state));
    case NameColumn: {
        QStringList lines{displayName(source)};
        if (!source.address.ip.isNull())
            lines << tr("Address: %1").arg(QString::fromStdString(source.address.toString()));
        if (!source.poolName.empty())
            lines << tr("From pool: %1").arg(QString::fromStdString(source.poolName));
        lines << tr("Reference ID: %1").arg(formatRefId(source.referenceId, source.stratum));
        lines << tr("Requests sent: %1, replies accepted: %2, rejected: %3")
                     .arg(formatCount(source.requestsSent), formatCount(source.repliesAccepted),
                          formatCount(source.repliesRejected));
        return lines.join(QLatin1Char('\n'));
    }
    case StratumColumn:
        return tr("Stratum %1, leap status: %2").arg(source.stratum).arg(formatLeap(source.leap));
    case PollColumn:
        return tr("Polling every %1").arg(formatPollInterval(source.poll));
    case ReachColumn:
        return tr("Last 8 polls, newest on the right (1: reply received): %1").arg(formatReachBits(source.reach));
    case LastRxColumn:
        if (const auto age = ageSeconds(source.lastRx, m_now))
            return tr("Last good sample %1 s ago").arg(std::max<std::int64_t>(0, *age));
        return tr("No good sample yet");
    case OffsetColumn:
    case DelayColumn:
        return sampleToolTip(source);
    case StatusColumn: {
        QStringList lines{statusText(source)};
        if (!source.lastRejectReason.empty())
            lines << tr("Last reply rejected: %1").arg(QString::fromStdString(source.lastRejectReason));
        if (!source.kissCode.empty())
            lines << tr("Kiss-o'-death received: %1").arg(QString::fromStdString(source.kissCode));
        lines.removeDuplicates();
        return lines.join(QLatin1Char('\n'));
    }
    }
    return {};
}

QVariant SourcesTableModel::foregroundData(const SourceSnapshot &source, int column) const
{
    // An unusable source is greyed out as a whole: nothing in its row currently matters; nor
    // does anything in a table that is no longer live.
    if (m_stale || source.state == SourceState::Unusable)
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (column != StateColumn && column != StatusColumn)
        return {};
    switch (source.state) {
    case SourceState::Selected:
        return StatusColors::kGood;
    case SourceState::Combined:
        return StatusColors::kInUse;
    case SourceState::Falseticker:
        return StatusColors::kBad;
    case SourceState::TooVariable:
        return StatusColors::kWarning;
    case SourceState::NotCombined:
    case SourceState::Unusable:
        break;
    }
    return {};
}

QVariant SourcesTableModel::fontData(int column) const
{
    if (column != StateColumn)
        return {};
    // Only the weight is marked as set, so the view's own family and size still apply.
    QFont bold;
    bold.setBold(true);
    return bold;
}

QString SourcesTableModel::statusText(const SourceSnapshot &source)
{
    if (source.kind != SourceKind::RefClock && source.address.ip.isNull())
        return source.driverFault ? tr("Cannot resolve %1").arg(QString::fromStdString(source.name))
                                  : tr("Resolving name");
    // Nothing it measures matters: the detail says which authentication it asks for.
    if (!source.unselectableReason.empty())
        return tr("Never selected: authentication");
    // A refclock whose device is missing says so, not just "not usable".
    if (source.driverFault && !source.driverStatus.empty())
        return QString::fromStdString(source.driverStatus);
    if (!source.kissCode.empty())
        return tr("KoD %1").arg(QString::fromStdString(source.kissCode));
    if (!source.lastRejectReason.empty())
        return QString::fromStdString(source.lastRejectReason);
    if (source.reach == 0 && source.requestsSent > 0)
        return tr("No reply");
    // Why it is not usable, when selection says; the other states speak for themselves here
    // (the detail has selection's reason for them too).
    return source.state == SourceState::Unusable ? selectionText(source) : sourceStateText(source.state);
}

QString SourcesTableModel::sampleToolTip(const SourceSnapshot &source) const
{
    if (!source.lastSample)
        return tr("No sample yet");
    const SourceSample &sample = *source.lastSample;
    return tr("Last sample: offset %1 (local clock minus source), delay %2, dispersion %3\n"
              "Source root delay %4, root dispersion %5")
        .arg(formatSignedSeconds(chronycOffset(sample.offset)), formatSeconds(sample.delay),
             formatSeconds(sample.dispersion), formatSeconds(source.rootDelay), formatSeconds(source.rootDispersion));
}

} // namespace s1
