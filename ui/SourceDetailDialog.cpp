#include "SourceDetailDialog.h"

#include "DisplayFormat.h"
#include "SourcesTableModel.h"
#include "StatusColors.h"
#include "TextColor.h"
#include "TouchStyle.h"
#include "ValueGroup.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

constexpr int kColumnSpacingPx = 12;
// The touchscreen's size: the dialog fills it there and is no bigger on a desktop.
constexpr QSize kPreferredSize(760, 440);
constexpr int kPpmDecimals = 3;
// As `stratumctl calibrate` writes the options: microseconds.
constexpr int kCalibrationDecimals = 6;

QString sourceName(const SourceSnapshot &source)
{
    return source.name.empty() ? QString::fromStdString(source.address.toString())
                               : QString::fromStdString(source.name);
}

QString ppm(double value)
{
    return SourceDetailDialog::tr("%1 ppm").arg(formatDecimal(value, kPpmDecimals));
}

} // namespace

SourceDetailDialog::SourceDetailDialog(QWidget *parent)
    : QDialog(parent)
    , m_title(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_fix(new QLabel(this))
    , m_why(new QLabel(this))
{
    setObjectName(QStringLiteral("sourceDetail"));
    setWindowTitle(tr("Source"));
    applyTouchFriendlyFont(this);
    setStyleSheet(touchStyleSheet());

    m_title->setObjectName(QStringLiteral("sourceDetailTitle"));
    m_title->setWordWrap(true);
    emphasize(m_title);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    // The reason is the point of the dialog: in full, never elided, right under the name.
    m_why->setObjectName(QStringLiteral("sourceDetailWhy"));
    m_why->setWordWrap(true);
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The engine's reason in bold and the fix under it, both in full.
    m_reason->setObjectName(QStringLiteral("sourceDetailReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont reasonFont = m_reason->font();
    reasonFont.setBold(true);
    m_reason->setFont(reasonFont);
    m_fix->setObjectName(QStringLiteral("sourceDetailFix"));
    m_fix->setWordWrap(true);
    m_fix->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *page = new QWidget;
    // What `ntpdata` shows of it.
    auto *measurement = new ValueGroup(tr("Source (ntpdata)"), Qt::AlignLeft, page);
    m_kind = measurement->addRow(tr("Kind"), QStringLiteral("detailKind"));
    m_address = measurement->addRow(tr("Address"), QStringLiteral("detailAddress"));
    m_stratum = measurement->addRow(tr("Stratum"), QStringLiteral("detailStratum"));
    m_referenceId = measurement->addRow(tr("Reference ID"), QStringLiteral("detailReferenceId"));
    m_leap = measurement->addRow(tr("Leap status"), QStringLiteral("detailLeap"));
    m_poll = measurement->addRow(tr("Poll"), QStringLiteral("detailPoll"));
    m_reach = measurement->addRow(tr("Reach"), QStringLiteral("detailReach"));
    m_lastRx = measurement->addRow(tr("Last good sample"), QStringLiteral("detailLastRx"));
    m_offset = measurement->addRow(tr("Offset (local\u2212src)"), QStringLiteral("detailOffset"));
    m_delay = measurement->addRow(tr("Delay"), QStringLiteral("detailDelay"));
    m_dispersion = measurement->addRow(tr("Dispersion"), QStringLiteral("detailDispersion"));
    m_rootDelay = measurement->addRow(tr("Root delay"), QStringLiteral("detailRootDelay"));
    m_rootDispersion = measurement->addRow(tr("Root dispersion"), QStringLiteral("detailRootDispersion"));
    m_packets = measurement->addRow(tr("Packets"), QStringLiteral("detailPackets"));

    // What `sourcestats` and `selectdata` show of it.
    auto *statistics = new ValueGroup(tr("Statistics (sourcestats)"), Qt::AlignLeft, page);
    m_samples = statistics->addRow(tr("Samples / runs"), QStringLiteral("detailSamples"));
    m_span = statistics->addRow(tr("Span"), QStringLiteral("detailSpan"));
    m_frequency = statistics->addRow(tr("Frequency"), QStringLiteral("detailFrequency"));
    m_statsOffset = statistics->addRow(tr("Offset (local\u2212src)"), QStringLiteral("detailStatsOffset"));
    m_stdDev = statistics->addRow(tr("Std dev"), QStringLiteral("detailStdDev"));
    auto *selection = new ValueGroup(tr("Selection (selectdata)"), Qt::AlignLeft, page);
    m_state = selection->addRow(tr("State"), QStringLiteral("detailState"));
    m_interval = selection->addRow(tr("Interval (local\u2212src)"), QStringLiteral("detailInterval"));
    m_calibration = selection->addRow(tr("Calibration"), QStringLiteral("detailCalibration"));

    auto *right = new QVBoxLayout;
    right->addWidget(statistics);
    right->addWidget(selection);
    right->addStretch();
    auto *columns = new QHBoxLayout(page);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(kColumnSpacingPx);
    columns->addWidget(measurement, 1);
    columns->addLayout(right, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("sourceDetailArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    // Values wrap; sideways scrolling would hide half of a row on the touchscreen.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    enableKineticScrolling(scroll);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    // `stratumctl calibrate` with one tap: only for a refclock with a proposal.
    m_applyCalibration = buttons->addButton(tr("Apply calibration"), QDialogButtonBox::ActionRole);
    m_applyCalibration->setObjectName(QStringLiteral("applyCalibration"));
    m_applyCalibration->setMinimumHeight(kTouchTargetPx);
    m_applyCalibration->hide();
    connect(m_applyCalibration, &QPushButton::clicked, this, [this] {
        if (m_proposal)
            emit calibrationRequested(m_proposal->refId, m_proposal->offset, m_proposal->delay);
    });
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeSourceDetail"));
    close->setMinimumSize(2 * kTouchTargetPx, kTouchTargetPx);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_reason);
    layout->addWidget(m_fix);
    layout->addWidget(m_why);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    resize(kPreferredSize);
}

void SourceDetailDialog::showSource(const SourceSnapshot &source, RealTime now, bool stale)
{
    m_sourceId = source.id;
    const QString name = sourceName(source);
    m_title->setText(stale ? tr("%1 (last known state)").arg(name) : name);

    // Everything that says why, most specific first; the table has room for one of them.
    QStringList why;
    // Authentication we cannot provide outweighs anything measured: first, and in full.
    if (!source.unselectableReason.empty())
        why << tr("Never selected: %1").arg(QString::fromStdString(source.unselectableReason));
    // The table's short status when it is more than the bare state (a fault, a reject, no
    // reply); then selection's reason in full.
    if (const QString status = SourcesTableModel::statusText(source);
        status != sourceStateText(source.state) && source.unselectableReason.empty())
        why << status;
    // The engine marks it noselect; selection's "noselect option" would name the wrong cause.
    // The engine's own reason, when it sent one, says the same with its figures (above).
    const SelectionReason &reason = source.selectionReason;
    const bool hasReason = !reason.text.empty();
    if (!hasReason && (source.unselectableReason.empty() || source.selectionLetter != 'N'))
        why << selectionText(source);
    if (source.kind == SourceKind::RefClock && !source.driverStatus.empty())
        why << tr("Driver: %1").arg(QString::fromStdString(source.driverStatus));
    if (!source.lastRejectReason.empty())
        why << tr("Last reply rejected: %1").arg(QString::fromStdString(source.lastRejectReason));
    if (!source.kissCode.empty())
        why << tr("Kiss-o'-death received: %1").arg(QString::fromStdString(source.kissCode));
    why.removeDuplicates();
    if (hasReason)
        why.removeAll(QString::fromStdString(reason.text));
    m_why->setText(why.join(QLatin1Char('\n')));
    m_why->setVisible(!why.isEmpty());
    const bool bad = !stale && source.state != SourceState::Selected && source.state != SourceState::Combined;
    const QColor textColor = palette().color(QPalette::WindowText);
    setTextColor(m_why, bad ? StatusColors::kBad : textColor);
    m_reason->setText(QString::fromStdString(reason.text));
    m_reason->setVisible(hasReason);
    setTextColor(m_reason, bad ? StatusColors::kBad : textColor);
    m_fix->setText(reason.fix.empty() ? QString() : tr("What to do: %1").arg(QString::fromStdString(reason.fix)));
    m_fix->setVisible(hasReason && !reason.fix.empty());

    m_kind->setText(
        source.poolName.empty()
            ? sourceKindText(source.kind)
            : tr("%1 from pool %2").arg(sourceKindText(source.kind), QString::fromStdString(source.poolName)));
    m_address->setText(source.address.ip.isNull() ? QStringLiteral("-")
                                                  : QString::fromStdString(source.address.toString()));
    m_state->setText(
        QStringLiteral("%1%2  %3")
            .arg(sourceModeSymbol(source.kind))
            .arg(sourceStateSymbol(source.state))
            .arg(source.selectionLetter != 0 ? QString(QLatin1Char(source.selectionLetter)) : QStringLiteral("-")));
    m_stratum->setText(QString::number(source.stratum));
    m_referenceId->setText(formatRefId(source.referenceId, source.stratum));
    m_leap->setText(formatLeap(source.leap));
    m_poll->setText(tr("%1 (2^%2 s)").arg(formatPollInterval(source.poll)).arg(source.poll));
    m_reach->setText(tr("%1 (%2, newest on the right)").arg(formatReach(source.reach), formatReachBits(source.reach)));
    const auto age = ageSeconds(source.lastRx, now);
    m_lastRx->setText(age ? tr("%1 s ago").arg(std::max<std::int64_t>(0, *age)) : tr("Never"));
    const SourceSample *sample = source.lastSample ? &*source.lastSample : nullptr;
    m_offset->setText(sample ? formatSignedSeconds(chronycOffset(sample->offset)) : QStringLiteral("-"));
    m_delay->setText(sample ? formatSeconds(sample->delay) : QStringLiteral("-"));
    m_dispersion->setText(sample ? formatSeconds(sample->dispersion) : QStringLiteral("-"));
    m_rootDelay->setText(formatSeconds(source.rootDelay));
    m_rootDispersion->setText(formatSeconds(source.rootDispersion));
    m_packets->setText(tr("%1 sent, %2 accepted, %3 rejected")
                           .arg(formatCount(source.requestsSent), formatCount(source.repliesAccepted),
                                formatCount(source.repliesRejected)));

    const SourceStatsSnapshot &stats = source.stats;
    const bool hasStats = stats.samples > 0;
    m_samples->setText(hasStats ? QStringLiteral("%1 / %2").arg(stats.samples).arg(stats.runs) : tr("None yet"));
    m_span->setText(hasStats ? formatSeconds(stats.span) : QStringLiteral("-"));
    m_frequency->setText(hasStats ? tr("%1 \u00b1 %2").arg(ppm(stats.frequencyPpm), ppm(stats.frequencySkewPpm))
                                  : QStringLiteral("-"));
    m_statsOffset->setText(hasStats ? formatSignedSeconds(chronycOffset(stats.offset)) : QStringLiteral("-"));
    m_stdDev->setText(hasStats ? formatSeconds(stats.standardDeviation) : QStringLiteral("-"));
    if (sample) {
        const double offset = chronycOffset(source.adjustedOffset);
        m_interval->setText(
            tr("%1 \u2026 %2")
                .arg(formatSignedSeconds(offset - source.errorBound), formatSignedSeconds(offset + source.errorBound)));
    } else {
        m_interval->setText(QStringLiteral("-"));
    }
    // What `stratumctl calibrate` writes, and Apply calibration.
    m_proposal.reset();
    if (const auto &c = source.calibration; c && c->ready && source.kind == SourceKind::RefClock)
        m_proposal = Proposal{QString::fromStdString(source.name), c->proposedOffset, c->proposedDelay};
    m_applyCalibration->setVisible(source.calibration.has_value());
    updateCalibrationButton();
    if (const auto &c = source.calibration) {
        const QString proposal = tr("offset %1 delay %2")
                                     .arg(formatDecimal(c->proposedOffset, kCalibrationDecimals),
                                          formatDecimal(c->proposedDelay, kCalibrationDecimals));
        m_calibration->setText(c->ready ? tr("%1 (median of %2 samples against %3)")
                                              .arg(proposal)
                                              .arg(c->samples)
                                              .arg(QString::fromStdString(c->reference))
                                        : tr("measuring against %1: %2 of %3 s")
                                              .arg(QString::fromStdString(c->reference))
                                              .arg(std::lround(c->span))
                                              .arg(std::lround(c->window)));
    } else {
        // Not measured: not an NMEA/SOCK/SHM refclock, or no better source selected meanwhile.
        m_calibration->setText(QStringLiteral("-"));
    }
}

void SourceDetailDialog::setCalibrationUnavailable(const QString &reason)
{
    m_calibrationUnavailable = reason;
    updateCalibrationButton();
}

void SourceDetailDialog::updateCalibrationButton()
{
    m_applyCalibration->setEnabled(m_proposal && m_calibrationUnavailable.isEmpty());
    if (!m_proposal)
        m_applyCalibration->setToolTip(tr("The proposal is not ready: it needs a whole measuring window"));
    else if (!m_calibrationUnavailable.isEmpty())
        m_applyCalibration->setToolTip(m_calibrationUnavailable);
    else
        m_applyCalibration->setToolTip(tr("Writes offset %1 delay %2 into the refclock line of %3, then reloads")
                                           .arg(formatDecimal(m_proposal->offset, kCalibrationDecimals),
                                                formatDecimal(m_proposal->delay, kCalibrationDecimals),
                                                m_proposal->refId));
}

void SourceDetailDialog::showGone()
{
    m_proposal.reset();
    m_applyCalibration->hide();
    m_reason->hide();
    m_fix->hide();
    m_why->setText(tr("No longer in the list: the configuration was reloaded, or the name now has an address."));
    m_why->show();
}

} // namespace s1
