#include "config/CalibrationApplier.h"

#include "SnapshotFeed.h"
#include "config/CalibrationEdit.h"
#include "config/ConfigDocument.h"

namespace s1 {

namespace {

// The errors shown of a refused configuration; the rest is in the configuration page.
constexpr int kProblemsShown = 3;

QString optionText(double seconds)
{
    return QString::number(seconds, 'f', kCalibrationDecimals);
}

} // namespace

CalibrationApplier::CalibrationApplier(QObject *parent)
    : QObject(parent)
{ }

void CalibrationApplier::setFeed(SnapshotFeed *feed)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    m_step = Step::Idle;
    if (!feed)
        return;
    // The configuration page listens to the same answers; each side acts only on what it asked.
    connect(feed, &SnapshotFeed::configurationTextReady, this, &CalibrationApplier::textReady);
    connect(feed, &SnapshotFeed::configurationTextFailed, this, &CalibrationApplier::textFailed);
    connect(feed, &SnapshotFeed::configurationApplied, this, &CalibrationApplier::applied);
}

QString CalibrationApplier::unavailableReason() const
{
    if (!m_feed)
        return tr("Not connected");
    if (const QString reason = m_feed->configurationEditUnavailableReason(); !reason.isEmpty())
        return reason;
    if (isBusy())
        return tr("A calibration is being applied");
    return {};
}

bool CalibrationApplier::apply(const QString &refId, double offset, double delay)
{
    if (!unavailableReason().isEmpty())
        return false;
    m_refId = refId.toStdString();
    m_offset = offset;
    m_delay = delay;
    m_step = Step::ReadingText;
    m_feed->requestConfigurationText();
    return true;
}

void CalibrationApplier::textReady(const ConfigurationText &text)
{
    if (m_step != Step::ReadingText)
        return;
    ConfigDocument document = ConfigDocument::fromText(text.main.text);
    std::string why;
    if (!applyOffsetCalibration(document, m_refId, m_offset, m_delay, why)) {
        finish(false, tr("Calibration not applied: %1").arg(QString::fromStdString(why)));
        return;
    }
    m_step = Step::Applying;
    m_feed->applyConfiguration(document.toText(), text.revision);
}

void CalibrationApplier::textFailed(const QString &message)
{
    if (m_step == Step::ReadingText)
        finish(false, tr("Calibration not applied: the configuration could not be read: %1").arg(message));
}

void CalibrationApplier::applied(const ConfigurationApplyResult &result)
{
    if (m_step != Step::Applying)
        return;
    const QString refId = QString::fromStdString(m_refId);
    if (result.ok()) {
        finish(true, tr("%1 calibrated: offset %2 delay %3 written, configuration reloaded")
                         .arg(refId, optionText(m_offset), optionText(m_delay)));
        return;
    }
    QString message = tr("Calibration of %1 not applied: %2").arg(refId, QString::fromStdString(result.message));
    int shown = 0;
    for (const ConfigurationProblem &problem : result.problems) {
        if (problem.severity != ConfigurationProblem::Severity::Error)
            continue;
        if (shown++ == kProblemsShown)
            break;
        message += QStringLiteral("\n%1:%2:%3: %4")
                       .arg(QString::fromStdString(problem.file))
                       .arg(problem.line)
                       .arg(problem.column)
                       .arg(QString::fromStdString(problem.message));
    }
    finish(false, message);
}

void CalibrationApplier::finish(bool ok, const QString &message)
{
    m_step = Step::Idle;
    emit finished(ok, message);
}

} // namespace s1
