// Answers `history` and `historySeries` from the service's HistoryStore (docs/CONTROL_PROTOCOL.md).
// Times on the wire are Unix seconds (JSON numbers; a double holds them to well under a
// microsecond), values in the series' unit.
//
//   historySeries {}                          -> [{"series","unit","first","last","points","minutes"}]
//   history {"series", "since" s | "from" t, "to" t, "buckets" N}
//           -> {"series","unit","from","to","bucketSeconds","buckets":[{"time","count","min","mean","max"}]}
//
// Buckets without points have count 0 and no values: gaps, never interpolated.
#pragma once

#include "control/ControlQueries.h"
#include "history/HistoryStore.h"

#include <QJsonObject>

#include <cstdint>

namespace s1 {

inline constexpr int kDefaultHistoryBuckets = 60;
// 86 400 one-second buckets (a day at full resolution) fit in a response of about 8 MB.
inline constexpr int kMaxHistoryBuckets = 100'000;

// `now`: the newest snapshot's time (ns), which "since" counts back from and "to" defaults to;
// the series' newest point when 0.
ControlAnswer answerHistory(const QJsonObject &args, const HistoryStore *store, std::int64_t now);
ControlAnswer answerHistorySeries(const HistoryStore *store);

} // namespace s1
