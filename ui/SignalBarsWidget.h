// How strongly each tracked satellite is received: one bar per satellite with a signal, carrier
// to noise density in dB-Hz, coloured by constellation like the sky plot, solid when the
// satellite is used in the fix. Bars narrow as satellites are added and the PRN labels below
// them stagger over up to three lines; past that the minimum width grows, so that a
// horizontal scroll area around the widget takes over.
#pragma once

#include "gps/GpsStatus.h"

#include <QWidget>

#include <vector>

namespace s1 {

class SignalBarsWidget : public QWidget
{
    Q_OBJECT

public:
    // Top of the scale: open-sky signals peak around 50 dB-Hz; stronger ones are drawn full.
    static constexpr double kSnrScaleMaxDbHz = 55;

    explicit SignalBarsWidget(QWidget *parent = nullptr);

    void setSatellites(const std::vector<GpsSatellite> &satellites);
    // The satellites that get a bar, in order.
    const std::vector<GpsSatellite> &bars() const { return m_bars; }

    // The bar of `index` in widget coordinates at the current size; empty if out of range.
    QRectF barRect(int index) const;
    // How many lines the PRN labels take at the current width.
    int labelLines() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Layout
    {
        QRectF plot;      // where the bars stand, bottom = 0 dB-Hz, top = kSnrScaleMaxDbHz
        double slotWidth; // horizontal room of one bar and its gap
        int labelLines;
    };
    Layout computeLayout() const;
    double axisWidth() const;
    double widestLabel() const;
    double minimumSlotWidth() const;
    void paintAxis(QPainter &painter, const Layout &layout) const;
    void paintBars(QPainter &painter, const Layout &layout) const;

    std::vector<GpsSatellite> m_bars;
};

} // namespace s1
