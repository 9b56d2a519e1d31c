// The two ways a feed answers SnapshotFeed::requestHistory: from a HistoryStore it keeps itself
// (the in-process engine, the simulation) and from the service's `history` answer (JSON).
#pragma once

#include "history/HistoryStore.h"
#include "report/HistoryRange.h"

#include <QJsonObject>

namespace s1 {

// The store's series over the request's range, as the service's `history` would answer it.
HistoryRange queryHistoryRange(const HistoryStore &store, const HistoryRangeRequest &request);

// The request as `history` arguments (Unix seconds on the wire).
QJsonObject historyRequestArguments(const HistoryRangeRequest &request);
// A `history` answer (ok) or its error, for `request`.
HistoryRange historyRangeFromAnswer(const HistoryRangeRequest &request, bool ok, const QJsonObject &result,
                                    const QString &error);

} // namespace s1
