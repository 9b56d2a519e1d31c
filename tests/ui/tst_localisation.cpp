// The window speaks the desktop's language throughout: Qt's own strings (the wizard's < Back and
// Next >, a message box's Cancel) come from Qt's translations beside ours, and numbers in the
// window use the locale's decimal separator, while stratumctl keeps chronyc's "." whatever the
// locale.
#include "AppTranslations.h"
#include "DisplayFormat.h"
#include "GpsPanel.h"
#include "chronyc/ChronycFormat.h"
#include "report/ReportData.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QPushButton>
#include <QTest>
#include <QWizard>

using namespace s1;

namespace {
const QLocale kGerman(QLocale::German, QLocale::Germany);
} // namespace

class TestLocalisation : public QObject
{
    Q_OBJECT

private slots:
    void qtStringsAreTranslatedToo();
    void windowNumbersUseTheLocaleSeparator();
    void stratumctlKeepsChronycsPoint();
    void cleanup() { QLocale::setDefault(QLocale::c()); }
};

void TestLocalisation::qtStringsAreTranslatedToo()
{
    const InstalledTranslations installed = installTranslations(qApp, kGerman);
    // Debian's qt6-translations-l10n (scripts/install-deps.sh installs it).
    QVERIFY2(installed.qt, qPrintable(QStringLiteral("no qtbase_de.qm in %1").arg(installed.qtDirectory)));
    QVERIFY(QFileInfo(installed.qtDirectory).isAbsolute());

    QWizard wizard;
    wizard.setWizardStyle(QWizard::ClassicStyle);
    wizard.addPage(new QWizardPage);
    wizard.addPage(new QWizardPage);
    const QString back = wizard.buttonText(QWizard::BackButton);
    const QString next = wizard.buttonText(QWizard::NextButton);
    QVERIFY2(!back.contains(QLatin1String("Back")), qPrintable(back));
    QVERIFY2(back.contains(QStringLiteral("Zurück")), qPrintable(back));
    QVERIFY2(next.contains(QStringLiteral("Weiter")), qPrintable(next));

    QDialogButtonBox box(QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')), QStringLiteral("Abbrechen"));
}

void TestLocalisation::windowNumbersUseTheLocaleSeparator()
{
    QLocale::setDefault(kGerman);
    QCOMPARE(formatSignedSeconds(1.2e-3), QStringLiteral("+1,2 ms"));
    QCOMPARE(formatSignedSeconds(-2.5), QStringLiteral("-2,5 s"));
    QCOMPARE(formatSeconds(123.4e-9), QStringLiteral("123 ns"));
    QCOMPARE(formatSeconds(999.96e-6), QStringLiteral("1 ms")); // the unit limits still hold
    QCOMPARE(formatDecimal(1234.5, 1), QStringLiteral("1234,5"));
    QCOMPARE(GpsPanel::formatLatitude(52.52), QStringLiteral("52,5200 N"));
    QCOMPARE(GpsPanel::formatAltitude(34), QStringLiteral("34,0 m"));
    QCOMPARE(GpsPanel::formatDop(1.6, 0.9, 1.3), QStringLiteral("1,6 / 0,9 / 1,3"));

    QLocale::setDefault(QLocale::c());
    QCOMPARE(formatSignedSeconds(1.2e-3), QStringLiteral("+1.2 ms"));
    QCOMPARE(GpsPanel::formatLatitude(52.52), QStringLiteral("52.5200 N"));
}

void TestLocalisation::stratumctlKeepsChronycsPoint()
{
    QLocale::setDefault(kGerman);
    TrackingReport report;
    report.stratum = 2;
    report.frequencyPpm = 12.345;
    report.rootDelay = 0.0123;
    const std::string text = formatTracking(report);
    QVERIFY2(text.find("12.345") != std::string::npos, text.c_str());
    QVERIFY2(text.find("12,345") == std::string::npos, text.c_str());
}

QTEST_MAIN(TestLocalisation)
#include "tst_localisation.moc"
