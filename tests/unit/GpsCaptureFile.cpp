#include "GpsCaptureFile.h"

#include <QFile>

namespace s1::test {

QByteArray gpsCapture(const QString &name)
{
    QFile file(QStringLiteral(S1_TEST_DATA_DIR "/gps/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray data = file.readAll();
    while (data.startsWith('#')) {
        const qsizetype end = data.indexOf('\n');
        data = end < 0 ? QByteArray() : data.mid(end + 1);
    }
    return data;
}

} // namespace s1::test
