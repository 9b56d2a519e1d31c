// The dashboard: the server's state at a glance, readable at arm's length on the 800x480
// touchscreen (the first page in --kiosk) and on a desktop. Big UTC time ticking each second,
// the state in words and colour, and the few figures that say how good the time served is.
// The words come from DashboardState; this page only lays them out and keeps the clock ticking.
#pragma once

#include "dashboard/DashboardState.h"

#include <QWidget>

#include <functional>
#include <vector>

class QGridLayout;
class QLabel;
class QTimer;

namespace s1 {

class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    // Holding a finger this long on the page asks to leave the kiosk.
    static constexpr std::chrono::milliseconds kLongPress{3000};

    explicit DashboardPage(QWidget *parent = nullptr);

    void showSnapshot(const EngineSnapshot &snapshot);
    void markStale();
    const DashboardState &state() const { return m_state; }

    // The clocks the page reads (tests replace them): steady for when snapshots arrive, the
    // system clock for carrying the engine's time forward.
    void setClocks(std::function<DashboardState::Monotonic()> steady, std::function<RealTime()> system);
    // Shows the time now (the tick does it each second).
    void refreshClock();

    // The design size (the touchscreen's); it fits itself into any other (see scaleFonts).
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {}; }
    bool hasHeightForWidth() const override { return false; }

signals:
    // A finger held on the page for kLongPress (the kiosk's way out).
    void longPressed();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    struct Tile
    {
        QWidget *box = nullptr;
        QLabel *caption = nullptr;
        QLabel *value = nullptr;
    };
    Tile addTile(const QString &caption, const QString &name, bool wraps);
    void showState();
    void placeTiles();
    void scaleFonts();
    void applyScale(double scale);
    int neededHeight() const;
    void setTone(QLabel *label, DashboardState::Tone tone);
    void scheduleTick(RealTime shown);

    DashboardState m_state;
    std::function<DashboardState::Monotonic()> m_steady;
    std::function<RealTime()> m_system;
    QLabel *m_staleBanner;
    QLabel *m_time;
    QLabel *m_clockSource;
    QLabel *m_stateText;
    QGridLayout *m_grid;
    std::vector<Tile> m_tiles;
    Tile m_reference;
    Tile m_errorBound;
    Tile m_clients;
    Tile m_gps;
    Tile m_pps;
    Tile m_event;
    QTimer *m_tick;
    QTimer *m_hold;
    bool m_scaling = false;
};

} // namespace s1
