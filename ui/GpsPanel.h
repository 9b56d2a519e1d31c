// The GPS tab: the receiver's fix, time, position, satellites (sky plot and signal bars), PPS and
// serial-link health, from one GpsStatus snapshot. Laid out to fit the tab area of an 800x480
// touchscreen and an 800x416 desktop: the sky plot as tall as the page on the left, and on the
// right one of six sections (fix, position, signal bars, PPS, receiver, errors) chosen with
// segment buttons. Below kNarrowWidthPx the two columns stack instead.
#pragma once

#include "gps/GpsStatus.h"
#include "time/Timestamps.h"

#include <QWidget>

#include <optional>

class QBoxLayout;
class QLabel;
class QStackedWidget;

namespace s1 {

class SignalBarsWidget;
class SkyPlotWidget;

class GpsPanel : public QWidget
{
    Q_OBJECT

public:
    // Narrower than this, the plots and value groups stack vertically.
    static constexpr int kNarrowWidthPx = 640;

    explicit GpsPanel(QWidget *parent = nullptr);

    // No status means no receiver is configured: the panel says so and how to add one.
    // Ages (the last PPS pulse) are measured at `now`, the snapshot's time; without it, at the
    // newest time the status itself carries (last sentence or pulse).
    void setStatus(const std::optional<s1::GpsStatus> &status, std::optional<s1::RealTime> now = std::nullopt);

    bool isShowingStatus() const;
    // The sections on the right, in the order of their buttons.
    enum Section { FixSection, PositionSection, SignalsSection, PpsSection, ReceiverSection, ErrorsSection };
    static constexpr int kSectionCount = ErrorsSection + 1;
    // Shows one of them, as a tap on its button does.
    void showSection(int index);
    // The status is the last known one (the service is gone): shown without any colour that
    // would claim a live state.
    void setStale(bool stale);

    // Without a message for longer than this the receiver's values are old: fix, time, position
    // and DOPs read unknown. The engine's own limit, so the window and `stratumctl gps` agree.
    static constexpr double kMessageTimeoutSeconds = kGpsStatusTimeout;
    // "4 s ago", "2 min ago": the age of the last message.
    static QString formatMessageAge(double seconds);

    // Text conventions, shared with the tests.
    static QString formatFixMode(GpsFixMode mode);  // "3D", "2D", "Time only", "No fix"
    static QString formatLatitude(double degrees);  // "52.5200 N", "33.8688 S"
    static QString formatLongitude(double degrees); // "13.4050 E", "70.6693 W"
    static QString formatAltitude(double metres);   // "34.0 m"
    static QString formatDop(const std::optional<double> &pdop, const std::optional<double> &hdop,
                             const std::optional<double> &vdop);                    // "1.6 / 0.9 / 1.3"
    static QString formatPulseAge(std::optional<RealTime> lastPulse, RealTime now); // "400 ms ago"

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createEmptyPage();
    QWidget *createStatusPage();
    void showValues(const GpsStatus &status, RealTime now);
    void showSerialLink(const GpsStatus &status);
    void showSatellites(const GpsStatus &status, bool fresh);
    void updateDirections();
    void fitSkyPlotWidth();

    QStackedWidget *m_pages;
    QWidget *m_emptyPage = nullptr;
    QWidget *m_statusPage = nullptr;

    QBoxLayout *m_columns = nullptr;
    QBoxLayout *m_details = nullptr;
    QStackedWidget *m_sections = nullptr;
    SkyPlotWidget *m_skyPlot = nullptr;
    SignalBarsWidget *m_signalBars = nullptr;
    QLabel *m_satellites = nullptr;
    QLabel *m_legend = nullptr;

    QLabel *m_fix = nullptr;
    QLabel *m_lastMessage = nullptr;
    QLabel *m_utc = nullptr;
    QLabel *m_timeValid = nullptr;
    QLabel *m_latitude = nullptr;
    QLabel *m_longitude = nullptr;
    QLabel *m_altitude = nullptr;
    QLabel *m_dop = nullptr;

    QLabel *m_ppsPulses = nullptr;
    QLabel *m_ppsLastPulse = nullptr;
    QLabel *m_ppsJitter = nullptr;

    QLabel *m_receiver = nullptr;
    QLabel *m_baud = nullptr;
    QLabel *m_sentences = nullptr;

    QLabel *m_checksumErrors = nullptr;
    QLabel *m_garbage = nullptr;
    QLabel *m_overruns = nullptr;

    std::optional<GpsStatus> m_status; // the last shown, for setStale()
    RealTime m_now{};
    bool m_stale = false;
};

} // namespace s1
