// stratumone.conf(5) tells the truth about the reader: its lists of directives in effect, read
// without effect yet, and obsolete are exactly what ConfigSyntax and ConfigEffects say. A
// directive that starts (or stops) having an effect fails this test until the page says so.
#include "config/ConfigEffects.h"
#include "config/ConfigSyntax.h"

#include <QFile>
#include <QSet>
#include <QtTest>

namespace {

// The names on the line after the page's `.\" LABEL:` comment.
QSet<QString> listAfter(const QStringList &lines, const QString &label)
{
    const qsizetype at = lines.indexOf(QStringLiteral(".\\\" %1:").arg(label));
    if (at < 0 || at + 1 >= lines.size())
        return {};
    QSet<QString> names;
    for (const QString &name : lines[at + 1].split(QStringLiteral(", ")))
        names.insert(name.trimmed());
    return names;
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list = set.values();
    list.sort();
    return list;
}

} // namespace

class TestManPages : public QObject
{
    Q_OBJECT
private slots:
    void configurationPageListsWhatTheReaderDoes();
};

void TestManPages::configurationPageListsWhatTheReaderDoes()
{
    QFile page(QStringLiteral(S1_SOURCE_DIR "/resources/man/stratumone.conf.5"));
    QVERIFY(page.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(page.readAll()).split(QLatin1Char('\n'));

    // `include` is handled before the directive table, as in chronyd.
    QSet<QString> inEffect{QStringLiteral("include")};
    QSet<QString> withoutEffect;
    QSet<QString> obsolete;
    for (const s1::DirectiveSyntax &directive : s1::allDirectiveSyntax()) {
        const QString name = QString::fromLatin1(directive.name.data(), static_cast<qsizetype>(directive.name.size()));
        if (directive.support == s1::DirectiveSupport::Obsolete)
            obsolete.insert(name);
        else if (s1::directiveInEffect(directive.name))
            inEffect.insert(name);
        else
            withoutEffect.insert(name);
    }
    QCOMPARE(sorted(listAfter(lines, QStringLiteral("in-effect"))), sorted(inEffect));
    QCOMPARE(sorted(listAfter(lines, QStringLiteral("no-effect"))), sorted(withoutEffect));
    QCOMPARE(sorted(listAfter(lines, QStringLiteral("obsolete"))), sorted(obsolete));
}

QTEST_GUILESS_MAIN(TestManPages)
#include "tst_manpages.moc"
