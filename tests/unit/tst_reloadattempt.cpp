// A reload's engine starts: the new configuration runs, or the previous one is started again
// once, or both fail; the words the user gets say which.

#include "ReloadAttempt.h"

#include <QtTest>

using namespace s1;

class TestReloadAttempt : public QObject
{
    Q_OBJECT
private slots:
    void newConfigurationStarts()
    {
        EngineConfig previous;
        previous.clock.maxUpdateSkew = 123; // a mark to recognise it by
        ReloadAttempt attempt(previous, {QStringLiteral("w1")});
        const auto step = attempt.engineStarted(true, {});
        QCOMPARE(step.outcome, ReloadAttempt::Outcome::Reloaded);
        QVERIFY(step.message.isEmpty());
        QCOMPARE(attempt.warnings(), QStringList{QStringLiteral("w1")});
        QCOMPARE(attempt.previous().clock.maxUpdateSkew, 123.0);
    }

    void failedStartRollsBackOnce()
    {
        ReloadAttempt attempt(EngineConfig{}, {});
        const auto first = attempt.engineStarted(false, QStringLiteral("port 123 taken"));
        QCOMPARE(first.outcome, ReloadAttempt::Outcome::RollBack);
        const auto second = attempt.engineStarted(true, {});
        QCOMPARE(second.outcome, ReloadAttempt::Outcome::RolledBack);
        QVERIFY2(second.message.contains(QStringLiteral("port 123 taken"))
                     && second.message.contains(QStringLiteral("previous one again")),
                 qPrintable(second.message));
    }

    void bothFailing()
    {
        ReloadAttempt attempt(EngineConfig{}, {});
        QCOMPARE(attempt.engineStarted(false, QStringLiteral("new fails")).outcome, ReloadAttempt::Outcome::RollBack);
        const auto second = attempt.engineStarted(false, QStringLiteral("old fails too"));
        QCOMPARE(second.outcome, ReloadAttempt::Outcome::BothFailed);
        QVERIFY2(second.message.contains(QStringLiteral("old fails too")), qPrintable(second.message));
    }
};

QTEST_GUILESS_MAIN(TestReloadAttempt)
#include "tst_reloadattempt.moc"
