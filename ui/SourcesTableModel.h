// The time sources of the latest engine snapshot as a chronyc-`sources`-like table.
#pragma once

#include "report/EngineSnapshot.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace s1 {

// Rows are kept across snapshots and matched by SourceSnapshot::id, so that a view's selection,
// current index and scroll position survive the once-a-second refresh: rows are inserted and
// removed individually and changed rows report dataChanged; the model is never reset.
class SourcesTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StateColumn, // chronyc "MS": mode and state symbols, "^*"
        NameColumn,
        StratumColumn,
        PollColumn,   // log2 s
        ReachColumn,  // octal
        LastRxColumn, // age of the last accepted sample
        OffsetColumn, // of the last sample, chronyc's sign (positive: the local clock is ahead)
        DelayColumn,  // of the last sample
        StatusColumn, // why the source is not usable, or its selection state
        ColumnCount
    };

    enum Role {
        // The unformatted value: int for state (SourceState), stratum, poll and reach; qint64
        // seconds for Last Rx; double seconds for offset (chronyc's sign) and delay; QString for
        // name and status.
        // Invalid where there is no value (no sample yet).
        RawValueRole = Qt::UserRole + 1,
        // What a sort proxy should compare: the raw value, except that states order from
        // selected to unusable.
        SortRole,
        // SourceSnapshot::id, on every column.
        SourceIdRole,
    };

    explicit SourcesTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Names without an address get rows of their own after the sources, with ids from here on
    // (far above any engine id), so that an unresolvable name is listed instead of missing.
    static constexpr std::uint32_t kUnresolvedIdBase = 0x80000000u;

    // Brings the rows in line with `sources` (and a row per name in `unresolved`): rows of ids
    // that disappeared are removed, known ids are updated in place, new ids are appended in the
    // order given. `now` is the snapshot time that ages (Last Rx) are measured at.
    void setSources(const std::vector<SourceSnapshot> &sources, RealTime now,
                    const std::vector<UnresolvedName> &unresolved = {});
    // The rows stand for a state that is no longer current (the service is gone): every cell
    // is drawn greyed out, so that no colour claims a live state.
    void setStale(bool stale);
    bool isStale() const { return m_stale; }

    // The table's short status text: why the source is not usable, or its selection state.
    static QString statusText(const SourceSnapshot &source);
    // Whether `source` is one of the rows made for an unresolved name.
    static bool isUnresolvedName(const SourceSnapshot &source) { return source.id >= kUnresolvedIdBase; }

    // The row showing source `id`, or -1.
    int rowOfSource(std::uint32_t id) const;
    const SourceSnapshot &sourceAt(int row) const { return m_sources.at(static_cast<std::size_t>(row)); }

private:
    using IncomingById = std::unordered_map<std::uint32_t, const SourceSnapshot *>;

    void removeVanishedRows(const IncomingById &incoming);
    void updateKnownRows(const IncomingById &incoming, RealTime previousNow);
    void appendNewRows(const std::vector<SourceSnapshot> &sources);

    QVariant displayData(const SourceSnapshot &source, int column) const;
    QVariant rawData(const SourceSnapshot &source, int column) const;
    QVariant sortData(const SourceSnapshot &source, int column) const;
    QVariant toolTipData(const SourceSnapshot &source, int column) const;
    QVariant foregroundData(const SourceSnapshot &source, int column) const;
    QVariant fontData(int column) const;
    QString sampleToolTip(const SourceSnapshot &source) const;

    std::vector<SourceSnapshot> m_sources;
    RealTime m_now{};
    bool m_stale = false;
};

} // namespace s1
