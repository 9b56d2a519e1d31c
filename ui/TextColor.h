// Colouring a label's text: only its palette's WindowText role changes, so the label keeps
// following the rest of the window's palette (dark or light theme).
#pragma once

#include <QColor>
#include <QPalette>
#include <QWidget>

namespace s1 {

inline void setTextColor(QWidget *widget, const QColor &color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, color);
    widget->setPalette(palette);
}

} // namespace s1
