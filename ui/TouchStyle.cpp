#include "TouchStyle.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QScroller>
#include <QWidget>

namespace s1 {

QString touchStyleSheet()
{
    return QStringLiteral("QPushButton { min-height: %1px; min-width: %2px; padding: 0 12px; }"
                          "QLineEdit { min-height: %1px; }"
                          "QListWidget::item { min-height: %1px; }")
        .arg(kTouchTargetPx)
        .arg(2 * kTouchTargetPx);
}

void applyTouchStyle(QApplication *app)
{
    QFont base = QApplication::font();
    if (base.pointSizeF() < kMinBaseFontPt) { // -1 for a pixel-sized font: replaced too
        base.setPointSizeF(kMinBaseFontPt);
        QApplication::setFont(base);
    }
    const QString sheet = touchStyleSheet();
    if (!app->styleSheet().contains(sheet))
        app->setStyleSheet(app->styleSheet() + sheet);
}

QWidget *withTouchStyle(QWidget *parent)
{
    if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance()))
        applyTouchStyle(app);
    return parent;
}

void enableKineticScrolling(QAbstractScrollArea *area)
{
    QScroller::grabGesture(area->viewport(), QScroller::LeftMouseButtonGesture);
}

void applyTouchFriendlyFont(QWidget *window)
{
    QFont base = window->font();
    if (base.pointSizeF() >= kMinBaseFontPt) // -1 for a pixel-sized font: replaced too
        return;
    base.setPointSizeF(kMinBaseFontPt);
    window->setFont(base);
}

void emphasize(QWidget *widget)
{
    QFont font = widget->font();
    font.setPointSizeF(font.pointSizeF() * kEmphasisFontScale);
    widget->setFont(font);
}

} // namespace s1
