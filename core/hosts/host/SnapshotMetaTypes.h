// Registers the snapshot value types with Qt's meta-type system so that they travel through
// queued signal connections between the engine thread and the UI.
#pragma once

#include "report/EngineSnapshot.h"

#include <QMetaType>

Q_DECLARE_METATYPE(s1::EngineSnapshot)

namespace s1 {

// Idempotent; call before the first queued connection carrying a snapshot.
void registerSnapshotMetaTypes();

} // namespace s1
