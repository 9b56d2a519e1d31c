#include "host/SnapshotMetaTypes.h"

namespace s1 {

void registerSnapshotMetaTypes()
{
    qRegisterMetaType<s1::EngineSnapshot>("s1::EngineSnapshot");
}

} // namespace s1
