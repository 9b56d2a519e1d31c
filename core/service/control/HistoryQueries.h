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
// More than any screen has pixel columns. The answer is built in the service's main thread,
// where 86 400 buckets (a day at full resolution, 10 MB of JSON) took 1.7 s and held up the
// snapshot stream (s1-bench-history); full resolution is a few queries by from/to instead.
inline constexpr int kMaxHistoryBuckets = 10'000;

// `now`: the newest snapshot's time (ns), which "since" counts back from and "to" defaults to;
// the series' newest point when 0.
ControlAnswer answerHistory(const QJsonObject &args, const HistoryStore *store, std::int64_t now);
ControlAnswer answerHistorySeries(const HistoryStore *store);

} // namespace s1
