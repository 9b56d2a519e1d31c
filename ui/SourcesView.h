// The sources table as a touch-friendly view: tall rows, kinetic scrolling, and columns sized
// so that the chronyc-like columns fit an 800 px wide screen without horizontal scrolling.
#pragma once

#include <QTableView>

namespace s1 {

class SourcesView : public QTableView
{
    Q_OBJECT

public:
    explicit SourcesView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // Fixed widths from the font for the numeric columns.
    void fitColumns();
    // The name column takes what the status column's minimum leaves, up to a readable maximum;
    // on a wide screen the status column gets the rest, where long reject reasons fit.
    void fitNameColumn();
    // Rows are kTouchTargetPx tall, shrinking down to kCompactTouchTargetPx when that keeps every
    // source on screen (six sources on an 800x416 desktop): a half-hidden last row is easily
    // missed, and it is often the selected one.
    void fitRowHeight();

    int m_statusMinWidthPx = 0;
    int m_nameMaxWidthPx = 0;
};

} // namespace s1
