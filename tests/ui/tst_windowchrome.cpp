// The window's own controls for a kiosk without title bar: Quit (Ctrl+Q) and a full-screen
// toggle (F11) as big tool-bar buttons, and the icon the desktop file names, shipped as SVG and
// used as the window icon.
#include "MainWindow.h"

#include <QAction>
#include <QFile>
#include <QIcon>
#include <QRegularExpression>
#include <QTest>
#include <QToolBar>

using namespace s1;

namespace {
constexpr int kTouchTargetPx = 44;
const QSize kTouchScreen(800, 480);

QAction *action(const MainWindow &window, const char *name)
{
    return window.findChild<QAction *>(QLatin1String(name));
}
} // namespace

class TestWindowChrome : public QObject
{
    Q_OBJECT

private slots:
    void quitAndFullScreenAreBigButtons();
    void fullScreenToggles();
    void quitCloses();
    void iconIsShippedAndUsed();
};

void TestWindowChrome::quitAndFullScreenAreBigButtons()
{
    MainWindow window;
    window.resize(kTouchScreen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *quit = action(window, "quitAction");
    QAction *fullScreen = action(window, "fullScreenAction");
    QVERIFY(quit && fullScreen);
    QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    QCOMPARE(fullScreen->shortcut(), QKeySequence(Qt::Key_F11));
    QVERIFY(fullScreen->isCheckable());
    auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("actionsToolBar"));
    QVERIFY(toolBar);
    for (QAction *a : {quit, fullScreen}) {
        QWidget *button = toolBar->widgetForAction(a);
        QVERIFY2(button && button->isVisible(), qPrintable(a->objectName()));
        QVERIFY2(button->height() >= kTouchTargetPx, qPrintable(a->objectName()));
        QVERIFY2(button->geometry().right() < toolBar->width(), qPrintable(a->objectName()));
    }
}

void TestWindowChrome::fullScreenToggles()
{
    MainWindow window;
    window.resize(kTouchScreen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.isFullScreen());
    QTest::keyClick(&window, Qt::Key_F11);
    QTRY_VERIFY(window.isFullScreen());
    QVERIFY(action(window, "fullScreenAction")->isChecked());
    action(window, "fullScreenAction")->trigger();
    QTRY_VERIFY(!window.isFullScreen());
    QVERIFY(!action(window, "fullScreenAction")->isChecked());
    // A maximised window is maximised again when it leaves full screen.
    window.showMaximized();
    QTRY_VERIFY(window.isMaximized());
    action(window, "fullScreenAction")->trigger();
    QTRY_VERIFY(window.isFullScreen());
    action(window, "fullScreenAction")->trigger();
    QTRY_VERIFY(!window.isFullScreen());
    QVERIFY(window.isMaximized());
    window.showNormal();
    // Left by the window manager (or a state change from elsewhere): the button follows.
    window.showFullScreen();
    QTRY_VERIFY(action(window, "fullScreenAction")->isChecked());
    window.showNormal();
    QTRY_VERIFY(!action(window, "fullScreenAction")->isChecked());
}

void TestWindowChrome::quitCloses()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!window.isVisible());
}

void TestWindowChrome::iconIsShippedAndUsed()
{
    QFile desktop(QStringLiteral(S1_TEST_DATA_DIR "/../../resources/stratumone.desktop"));
    QVERIFY(desktop.open(QIODevice::ReadOnly));
    const QRegularExpressionMatch icon =
        QRegularExpression(QStringLiteral("^Icon=(.+)$"), QRegularExpression::MultilineOption)
            .match(QString::fromUtf8(desktop.readAll()));
    QVERIFY(icon.hasMatch());
    const QString name = icon.captured(1).trimmed();
    // Installed under hicolor/scalable/apps by resources/CMakeLists.txt, and compiled in.
    QVERIFY2(QFile::exists(QStringLiteral(S1_TEST_DATA_DIR "/../../resources/%1.svg").arg(name)), qPrintable(name));
    QVERIFY(QFile::exists(QStringLiteral(":/icons/%1.svg").arg(name)));

    MainWindow window;
    const QIcon windowIcon = window.windowIcon();
    QVERIFY(!windowIcon.isNull());
    // Rendered, not just named: the SVG icon engine is there and the file is valid.
    const QImage image = windowIcon.pixmap(64, 64).toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.pixelColor(32, 40).alpha() > 0);
}

QTEST_MAIN(TestWindowChrome)
#include "tst_windowchrome.moc"
