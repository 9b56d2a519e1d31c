#include "GpsPanel.h"

#include "DisplayFormat.h"
#include "SignalBarsWidget.h"
#include "SkyPlotWidget.h"
#include "StatusColors.h"
#include "TouchStyle.h"
#include "ValueGroup.h"

#include <QBoxLayout>
#include <QButtonGroup>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace s1 {

namespace {

// 4 decimals of a degree are about 11 m: finer than a timing receiver needs, coarser than noise.
constexpr int kCoordinateDecimals = 4;
constexpr double kMaxLatitudeDeg = 90;
constexpr double kMaxLongitudeDeg = 180;
constexpr int kAltitudeDecimals = 1;
constexpr int kDopDecimals = 1;
// A pulse older than this has been missed: PPS comes once a second.
constexpr double kPpsStaleSeconds = 2;
// Below a second, milliseconds; below this, tenths of a second; above, whole seconds.
constexpr double kPulseAgeTenthsBelowS = 10;
constexpr double kMillisPerSecond = 1000;
constexpr int kPulseAgeDecimals = 1;
constexpr long long kSecondsPerMinute = 60;
constexpr long long kSecondsPerHour = 3600;

constexpr int kGroupSpacingPx = 12;
constexpr int kPlotSpacingPx = 8;
constexpr int kSegmentSpacingPx = 4;
// The empty state's title stands out by size, never by being smaller.
constexpr qreal kEmptyTitleScale = 1.4;
constexpr int kEmptyStateSpacingPx = 16;

enum Page { EmptyPage, StatusPage };

// A value group at its natural height at the top of a section, not stretched over it.
QWidget *topAligned(QWidget *widget)
{
    if (!qobject_cast<ValueGroup *>(widget))
        return widget;
    auto *holder = new QWidget(widget->parentWidget());
    auto *layout = new QVBoxLayout(holder);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(widget);
    layout->addStretch(1);
    return holder;
}

// A coloured value for states that need attention; std::nullopt follows the palette.
void setTone(QLabel *label, const std::optional<QColor> &color)
{
    if (!color) {
        label->setPalette(QPalette()); // inherit, so that a later dark palette still applies
        return;
    }
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, *color);
    label->setPalette(palette);
}

std::optional<QColor> fixTone(GpsFixMode mode)
{
    switch (mode) {
    case GpsFixMode::Fix3D:
    case GpsFixMode::TimeOnly:
        return StatusColors::kGood;
    case GpsFixMode::Fix2D:
        return StatusColors::kWarning;
    case GpsFixMode::None:
        return StatusColors::kBad;
    }
    return std::nullopt;
}

std::optional<QColor> counterTone(std::uint64_t errors)
{
    return errors > 0 ? std::optional<QColor>(StatusColors::kWarning) : std::nullopt;
}

QString formatCoordinate(double degrees, double limit, const QString &positive, const QString &negative)
{
    if (!std::isfinite(degrees) || std::fabs(degrees) > limit)
        return QStringLiteral("-");
    return QStringLiteral("%1 %2").arg(formatDecimal(std::fabs(degrees), kCoordinateDecimals),
                                       degrees < 0 ? negative : positive);
}

QString formatOptionalDop(const std::optional<double> &dop)
{
    return dop && std::isfinite(*dop) ? formatDecimal(*dop, kDopDecimals) : QStringLiteral("-");
}

// The newest instant the status carries: the reference for ages when no snapshot time is given.
RealTime newestTime(const GpsStatus &status)
{
    RealTime newest{};
    if (status.lastSentenceTime)
        newest = std::max(newest, *status.lastSentenceTime);
    if (status.pps.lastPulse)
        newest = std::max(newest, *status.pps.lastPulse);
    return newest;
}

QString colorSwatch(const QColor &color, const QString &glyph)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color.name(), glyph);
}

} // namespace

GpsPanel::GpsPanel(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
{
    m_emptyPage = createEmptyPage();
    m_statusPage = createStatusPage();
    m_pages->insertWidget(EmptyPage, m_emptyPage);
    m_pages->insertWidget(StatusPage, m_statusPage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    setStatus(std::nullopt);
}

QWidget *GpsPanel::createEmptyPage()
{
    auto *page = new QWidget(m_pages);
    auto *title = new QLabel(tr("No GPS receiver configured"), page);
    title->setObjectName(QStringLiteral("gpsEmptyTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * kEmptyTitleScale);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    title->setWordWrap(true);

    auto *hint = new QLabel(tr("Add the receiver to the configuration as reference clocks, "
                               "for example a serial NMEA receiver with its PPS output:"),
                            page);
    hint->setObjectName(QStringLiteral("gpsEmptyHint"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);

    auto *example = new QLabel(QStringLiteral("refclock NMEA /dev/ttyAMA0:9600 refid GPS\n"
                                              "refclock PPS /dev/pps0 lock GPS"),
                               page);
    example->setObjectName(QStringLiteral("gpsEmptyExample"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(std::max(mono.pointSizeF(), example->font().pointSizeF()));
    example->setFont(mono);
    example->setAlignment(Qt::AlignCenter);
    example->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(page);
    layout->setSpacing(kEmptyStateSpacingPx);
    layout->addStretch();
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addWidget(example);
    layout->addStretch();
    return page;
}

QWidget *GpsPanel::createStatusPage()
{
    auto *page = new QWidget(m_pages);

    // Left: the sky, as large as the page is tall. Its count line and colour key go on the
    // right, which has the width for them on one line each.
    m_skyPlot = new SkyPlotWidget(page);
    m_skyPlot->setObjectName(QStringLiteral("gpsSkyPlot"));
    m_satellites = new QLabel(page);
    m_satellites->setObjectName(QStringLiteral("gpsSatellitesValue"));
    m_satellites->setWordWrap(true);
    m_legend = new QLabel(page);
    m_legend->setObjectName(QStringLiteral("gpsLegend"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);

    // Right: one group at a time behind segment buttons a finger can hit; all of them at once
    // do not fit 800x480 (the PPS, receiver and error boxes were cut off, the bars scrolled).
    auto *fix = new ValueGroup(tr("Fix"), Qt::AlignLeft, page);
    m_fix = fix->addRow(tr("Mode"), QStringLiteral("gpsFixValue"));
    m_lastMessage = fix->addRow(tr("Last message"), QStringLiteral("gpsLastMessageValue"));
    m_utc = fix->addRow(tr("UTC"), QStringLiteral("gpsUtcValue"));
    m_timeValid = fix->addRow(tr("Time valid"), QStringLiteral("gpsTimeValidValue"));
    m_dop = fix->addRow(tr("P/H/V DOP"), QStringLiteral("gpsDopValue"));

    auto *position = new ValueGroup(tr("Position"), Qt::AlignLeft, page);
    m_latitude = position->addRow(tr("Latitude"), QStringLiteral("gpsLatitudeValue"));
    m_longitude = position->addRow(tr("Longitude"), QStringLiteral("gpsLongitudeValue"));
    m_altitude = position->addRow(tr("Altitude"), QStringLiteral("gpsAltitudeValue"));

    m_signalBars = new SignalBarsWidget(page);
    m_signalBars->setObjectName(QStringLiteral("gpsSignalBars"));

    auto *pps = new ValueGroup(tr("PPS"), Qt::AlignLeft, page);
    m_ppsPulses = pps->addRow(tr("Pulses"), QStringLiteral("gpsPpsPulsesValue"));
    m_ppsLastPulse = pps->addRow(tr("Last pulse"), QStringLiteral("gpsPpsLastPulseValue"));
    m_ppsJitter = pps->addRow(tr("Jitter"), QStringLiteral("gpsPpsJitterValue"));

    auto *receiver = new ValueGroup(tr("Receiver"), Qt::AlignLeft, page);
    // Identities can be long ("u-blox ... ROM CORE 3.01 (107888)"): they wrap, whole.
    m_receiver = receiver->addRow(tr("Model"), QStringLiteral("gpsReceiverValue"));
    m_baud = receiver->addRow(tr("Serial"), QStringLiteral("gpsBaudValue"));
    m_sentences = receiver->addRow(tr("Sentences"), QStringLiteral("gpsSentencesValue"));

    auto *errors = new ValueGroup(tr("Errors"), Qt::AlignLeft, page);
    m_checksumErrors = errors->addRow(tr("Checksum"), QStringLiteral("gpsChecksumErrorsValue"));
    m_garbage = errors->addRow(tr("Garbage"), QStringLiteral("gpsGarbageValue"));
    m_overruns = errors->addRow(tr("Overruns"), QStringLiteral("gpsOverrunsValue"));

    // Short values: one line each.
    for (QLabel *value : {m_fix, m_lastMessage, m_utc, m_timeValid, m_latitude, m_longitude, m_altitude, m_dop})
        value->setWordWrap(false);

    m_sections = new QStackedWidget(page);
    m_sections->setObjectName(QStringLiteral("gpsSections"));
    auto *segments = new QHBoxLayout;
    segments->setSpacing(kSegmentSpacingPx);
    auto *group = new QButtonGroup(page);
    group->setExclusive(true);
    const std::pair<QWidget *, QString> sections[] = {
        {fix, tr("Fix")}, {position, tr("Position")}, {m_signalBars, tr("Signals")},
        {pps, tr("PPS")}, {receiver, tr("Receiver")}, {errors, tr("Errors")},
    };
    for (const auto &[widget, title] : sections) {
        const int index = m_sections->addWidget(topAligned(widget));
        auto *button = new QPushButton(title, page);
        button->setObjectName(QStringLiteral("gpsSection%1").arg(index));
        button->setCheckable(true);
        button->setMinimumHeight(kTouchTargetPx);
        // Six across the column: the application's wide minimum would not fit them.
        button->setStyleSheet(QStringLiteral("QPushButton { min-width: 0px; padding: 0 4px; }"));
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        group->addButton(button, index);
        segments->addWidget(button);
    }
    group->button(0)->setChecked(true);
    connect(group, &QButtonGroup::idClicked, m_sections, &QStackedWidget::setCurrentIndex);

    auto *details = new QVBoxLayout;
    m_details = details;
    details->setSpacing(kPlotSpacingPx / 2);
    details->addWidget(m_satellites);
    details->addWidget(m_legend);
    details->addLayout(segments);
    details->addWidget(m_sections, 1);

    m_columns = new QBoxLayout(QBoxLayout::LeftToRight, page);
    m_columns->setContentsMargins(0, 0, 0, 0);
    m_columns->setSpacing(kGroupSpacingPx);
    m_columns->addWidget(m_skyPlot, 0);
    m_columns->addLayout(details, 1);
    return page;
}

void GpsPanel::showSection(int index)
{
    if (auto *button = findChild<QPushButton *>(QStringLiteral("gpsSection%1").arg(index)))
        button->click();
}

bool GpsPanel::isShowingStatus() const
{
    return m_pages->currentIndex() == StatusPage;
}

void GpsPanel::setStatus(const std::optional<GpsStatus> &status, std::optional<RealTime> now)
{
    m_status = status;
    if (!status) {
        m_pages->setCurrentIndex(EmptyPage);
        return;
    }
    m_now = now.value_or(newestTime(*status));
    showValues(*status, m_now);
    m_pages->setCurrentIndex(StatusPage);
}

void GpsPanel::setStale(bool stale)
{
    if (stale == m_stale)
        return;
    m_stale = stale;
    if (m_status)
        showValues(*m_status, m_now);
}

QString GpsPanel::formatMessageAge(double seconds)
{
    const auto whole = static_cast<long long>(std::floor(std::max(0.0, seconds)));
    if (whole < kSecondsPerMinute)
        return tr("%1 s ago").arg(whole);
    if (whole < kSecondsPerHour)
        return tr("%1 min ago").arg(whole / kSecondsPerMinute);
    return tr("%1 h ago").arg(whole / kSecondsPerHour);
}

void GpsPanel::showValues(const GpsStatus &status, RealTime now)
{
    // `now` and lastSentenceTime are on the host clock (the snapshot's hostTime). Old values
    // are not shown as if current: a receiver that stopped talking has no fix we know of.
    const std::optional<double> messageAge =
        status.lastSentenceTime ? std::optional<double>(toSeconds(now - *status.lastSentenceTime)) : std::nullopt;
    const bool fresh = messageAge && *messageAge <= kMessageTimeoutSeconds;
    // Colour claims a live state: only for fresh values of a live snapshot.
    const auto tone = [this, fresh](std::optional<QColor> color) { return fresh && !m_stale ? color : std::nullopt; };
    const QString unknown = tr("Unknown");

    m_lastMessage->setText(messageAge ? formatMessageAge(*messageAge) : tr("Never"));
    setTone(m_lastMessage, !fresh && !m_stale ? std::optional<QColor>(StatusColors::kWarning) : std::nullopt);
    m_fix->setText(fresh ? formatFixMode(status.fixMode) : unknown);
    setTone(m_fix, tone(fixTone(status.fixMode)));
    // The row is named "UTC", so the date and time go without formatUtcTime's suffix.
    m_utc->setText(fresh && status.epochTime ? formatUtcDateTime(*status.epochTime) : QStringLiteral("-"));
    m_timeValid->setText(!fresh ? unknown : status.epochTimeValid ? tr("Yes") : tr("No"));
    setTone(m_timeValid, tone(status.epochTimeValid ? StatusColors::kGood : StatusColors::kBad));
    m_latitude->setText(fresh && status.latitude ? formatLatitude(*status.latitude) : QStringLiteral("-"));
    m_longitude->setText(fresh && status.longitude ? formatLongitude(*status.longitude) : QStringLiteral("-"));
    m_altitude->setText(fresh && status.altitude ? formatAltitude(*status.altitude) : QStringLiteral("-"));
    m_dop->setText(fresh ? formatDop(status.pdop, status.hdop, status.vdop) : formatDop({}, {}, {}));
    showSatellites(status, fresh);

    const GpsPpsStatus &pps = status.pps;
    m_ppsPulses->setText(formatCount(pps.pulseCount));
    m_ppsLastPulse->setText(formatPulseAge(pps.lastPulse, now));
    const bool stale = pps.lastPulse && toSeconds(now - *pps.lastPulse) > kPpsStaleSeconds;
    setTone(m_ppsLastPulse, stale && !m_stale ? std::optional<QColor>(StatusColors::kWarning) : std::nullopt);
    m_ppsJitter->setText(pps.pulseCount > 0 ? formatSeconds(pps.jitter) : QStringLiteral("-"));

    const QString receiverText = status.receiver.empty() ? tr("Unknown") : QString::fromStdString(status.receiver);
    m_receiver->setText(receiverText);
    m_receiver->setToolTip(receiverText);
    showSerialLink(status);

    std::uint64_t sentences = 0;
    QStringList perType;
    for (const auto &[type, count] : status.sentenceCounts) {
        sentences += count;
        perType << QStringLiteral("%1: %2").arg(QString::fromStdString(type), formatCount(count));
    }
    m_sentences->setText(formatCount(sentences));
    m_sentences->setToolTip(perType.join(QLatin1Char('\n')));

    m_checksumErrors->setText(formatCount(status.checksumErrors));
    setTone(m_checksumErrors, m_stale ? std::nullopt : counterTone(status.checksumErrors));
    m_garbage->setText(tr("%1 bytes").arg(formatCount(status.garbageBytes)));
    setTone(m_garbage, m_stale ? std::nullopt : counterTone(status.garbageBytes));
    m_overruns->setText(formatCount(status.serialOverruns));
    setTone(m_overruns, m_stale ? std::nullopt : counterTone(status.serialOverruns));
}

void GpsPanel::showSerialLink(const GpsStatus &status)
{
    // One line: the speed, and once a second of it was measured, how much of it is used
    // ("62 % of 9600 baud"); the talkers and what to do are in the tooltip.
    const std::optional<GpsLinkLoad> &link = status.link;
    const bool measured = link && (link->baudRate > 0 || link->usb) && link->windowSeconds > 0;
    constexpr double kPercent = 100;
    if (link && link->usb)
        m_baud->setText(link->windowSeconds > 0 ? tr("USB, %1 bytes/s").arg(formatDecimal(link->bytesPerSecond, 0))
                                                : tr("USB"));
    else if (status.baudRate <= 0)
        m_baud->setText(tr("Unknown"));
    else if (!measured)
        m_baud->setText(tr("%1 baud").arg(status.baudRate));
    else
        m_baud->setText(tr("%1 % of %2 baud").arg(formatDecimal(link->load * kPercent, 0)).arg(status.baudRate));
    QStringList tip;
    if (measured) {
        tip << tr("%1 bytes/s over the last %2 s")
                   .arg(formatDecimal(link->bytesPerSecond, 0), formatDecimal(link->windowSeconds, 0));
        for (const GpsTalkerLoad &t : link->talkers)
            tip << tr("%1: %2 bytes/s").arg(QString::fromStdString(t.type), formatDecimal(t.bytesPerSecond, 0));
        if (link->overloaded) {
            tip << tr("The serial link is overloaded.");
            // The engine's words (English), as the alarm shows them.
            if (!link->advice.empty())
                tip << QString::fromStdString(link->advice);
        }
    }
    m_baud->setToolTip(tip.join(QLatin1Char('\n')));
    setTone(m_baud,
            measured && link->overloaded && !m_stale ? std::optional<QColor>(StatusColors::kWarning) : std::nullopt);
}

void GpsPanel::showSatellites(const GpsStatus &status, bool fresh)
{
    // Satellites from a receiver that stopped talking are not in view as far as we know.
    static const std::vector<GpsSatellite> kNone;
    const std::vector<GpsSatellite> &satellites = fresh ? status.satellites : kNone;
    m_skyPlot->setSatellites(satellites);
    m_signalBars->setSatellites(satellites);

    // The count line doubles as the key to filled and hollow markers.
    const int inView = static_cast<int>(satellites.size());
    const int used = fresh ? status.satellitesUsed() : 0;
    m_satellites->setText(
        !fresh        ? tr("No recent satellite data")
        : inView == 0 ? tr("No satellites in view")
                      : tr("%1 in view: \u25CF %2 used  \u25CB %3 not used").arg(inView).arg(used).arg(inView - used));

    // Only the constellations on screen, in the order the status lists them.
    std::set<GnssSystem> seen;
    QStringList entries;
    for (const GpsSatellite &satellite : satellites) {
        if (!seen.insert(satellite.system).second)
            continue;
        entries << colorSwatch(constellationColor(satellite.system), QStringLiteral("&#9632;"))
                       + QStringLiteral("&nbsp;") + QString::fromLatin1(toString(satellite.system));
    }
    m_legend->setText(entries.join(QStringLiteral(" &nbsp; ")));
    m_legend->setVisible(!entries.isEmpty());
}

void GpsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateDirections();
    fitSkyPlotWidth();
}

void GpsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateDirections();
    fitSkyPlotWidth();
}

void GpsPanel::updateDirections()
{
    // Only once shown: before that the width is a placeholder, and the stacked minimum height
    // would make the window that holds the panel grow past the screen for good.
    if (!isVisible())
        return;
    const auto direction = width() < kNarrowWidthPx ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight;
    if (m_columns->direction() != direction)
        m_columns->setDirection(direction);
}

void GpsPanel::fitSkyPlotWidth()
{
    // Side by side, the round plot is as wide as the page is tall (width beyond that would be
    // empty margin), but leaves the details the width they need. Stacked, it takes the width.
    if (m_columns->direction() == QBoxLayout::LeftToRight) {
        const int room = width() - m_details->minimumSize().width() - m_columns->spacing();
        const int side = std::max(std::min(height(), room), m_skyPlot->minimumSizeHint().width());
        m_skyPlot->setFixedWidth(side);
    } else {
        m_skyPlot->setMinimumWidth(0);
        m_skyPlot->setMaximumWidth(QWIDGETSIZE_MAX);
    }
}

QString GpsPanel::formatFixMode(GpsFixMode mode)
{
    switch (mode) {
    case GpsFixMode::None:
        return tr("No fix");
    case GpsFixMode::Fix2D:
        return tr("2D");
    case GpsFixMode::Fix3D:
        return tr("3D");
    case GpsFixMode::TimeOnly:
        return tr("Time only");
    }
    return tr("Unknown");
}

QString GpsPanel::formatLatitude(double degrees)
{
    return formatCoordinate(degrees, kMaxLatitudeDeg, tr("N"), tr("S"));
}

QString GpsPanel::formatLongitude(double degrees)
{
    return formatCoordinate(degrees, kMaxLongitudeDeg, tr("E"), tr("W"));
}

QString GpsPanel::formatAltitude(double metres)
{
    if (!std::isfinite(metres))
        return QStringLiteral("-");
    return tr("%1 m").arg(formatDecimal(metres, kAltitudeDecimals));
}

QString GpsPanel::formatDop(const std::optional<double> &pdop, const std::optional<double> &hdop,
                            const std::optional<double> &vdop)
{
    return QStringLiteral("%1 / %2 / %3")
        .arg(formatOptionalDop(pdop), formatOptionalDop(hdop), formatOptionalDop(vdop));
}

QString GpsPanel::formatPulseAge(std::optional<RealTime> lastPulse, RealTime now)
{
    if (!lastPulse)
        return tr("Never");
    // A snapshot taken just before the pulse was stamped reads as "now", not negative.
    const double age = std::max(0.0, toSeconds(now - *lastPulse));
    if (age < 1)
        return tr("%1 ms ago").arg(static_cast<long long>(std::floor(age * kMillisPerSecond)));
    if (age < kPulseAgeTenthsBelowS)
        return tr("%1 s ago").arg(formatDecimal(age, kPulseAgeDecimals));
    return tr("%1 ago").arg(formatSeconds(std::floor(age)));
}

} // namespace s1
