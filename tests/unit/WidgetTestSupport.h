// Small helpers the widget tests share: where screenshots go, and which message box is open.
#pragma once

#include <QDir>
#include <QMessageBox>
#include <QString>
#include <QWidget>

namespace s1::test {

// S1_SCREENSHOT_DIR when set (to collect the pictures for docs/), else the build tree.
inline QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariableIsSet("S1_SCREENSHOT_DIR") ? qEnvironmentVariable("S1_SCREENSHOT_DIR")
                                                                       : QStringLiteral(S1_BINARY_DIR);
    return QDir(dir).filePath(name);
}

// The open one of `window`'s message boxes called `name`: a closed box may linger until its
// deferred deletion.
inline QMessageBox *openBox(const QWidget &window, const char *name)
{
    for (QMessageBox *box : window.findChildren<QMessageBox *>(QLatin1String(name))) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
}

} // namespace s1::test
