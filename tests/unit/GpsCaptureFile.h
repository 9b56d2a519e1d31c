// The receiver captures in tests/data/gps as the receiver sent them: the file without its
// leading comment block (only the leading one: a '#' later in a binary capture is payload).
#pragma once

#include <QByteArray>
#include <QString>

namespace s1::test {

// Empty when the capture cannot be read.
QByteArray gpsCapture(const QString &name);

} // namespace s1::test
