#include "dashboard/ScreenSaverInhibitor.h"

#include <QCoreApplication>

#ifdef S1_HAVE_QTDBUS
#include <QDBusConnection>
#include <QDBusMessage>
#endif

namespace s1 {

namespace {

#ifdef S1_HAVE_QTDBUS

constexpr const char *kService = "org.freedesktop.ScreenSaver";
constexpr const char *kPath = "/org/freedesktop/ScreenSaver";
constexpr const char *kInterface = "org.freedesktop.ScreenSaver";
// A desktop that does not answer within this is as good as none; the window must not hang on it.
constexpr int kCallTimeoutMs = 2000;

class DBusScreenSaverInhibitor : public ScreenSaverInhibitor
{
public:
    Result inhibit(const QString &reason) override
    {
        release();
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected())
            return {false, QStringLiteral("no D-Bus session bus (%1)").arg(bus.lastError().message())};
        QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPath),
                                                           QLatin1String(kInterface), QStringLiteral("Inhibit"));
        call << QCoreApplication::applicationName() << reason;
        const QDBusMessage reply = bus.call(call, QDBus::Block, kCallTimeoutMs);
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return {false, QStringLiteral("%1: %2").arg(QLatin1String(kService), reply.errorMessage())};
        m_cookie = reply.arguments().constFirst().toUInt();
        m_held = true;
        return {true, QStringLiteral("%1 (cookie %2)").arg(QLatin1String(kService)).arg(m_cookie)};
    }

    void release() override
    {
        if (!m_held)
            return;
        m_held = false;
        QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPath),
                                                           QLatin1String(kInterface), QStringLiteral("UnInhibit"));
        call << m_cookie;
        QDBusConnection::sessionBus().call(call, QDBus::Block, kCallTimeoutMs);
    }

    ~DBusScreenSaverInhibitor() override { release(); }

private:
    uint m_cookie = 0;
    bool m_held = false;
};

#else

class NoScreenSaverInhibitor : public ScreenSaverInhibitor
{
public:
    Result inhibit(const QString &) override { return {false, QStringLiteral("built without Qt D-Bus")}; }
    void release() override { }
};

#endif

} // namespace

std::unique_ptr<ScreenSaverInhibitor> makeDesktopScreenSaverInhibitor()
{
#ifdef S1_HAVE_QTDBUS
    return std::make_unique<DBusScreenSaverInhibitor>();
#else
    return std::make_unique<NoScreenSaverInhibitor>();
#endif
}

} // namespace s1
