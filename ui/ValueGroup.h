// A titled group of "name: value" rows, laid out for reading at arm's length on a touchscreen.
#pragma once

#include <QGroupBox>

class QGridLayout;
class QLabel;

namespace s1 {

class ValueGroup : public QGroupBox
{
    Q_OBJECT

public:
    enum class RowStyle { Normal, Detail };

    // Values line up on the right for columns of counters, on the left for text.
    ValueGroup(const QString &title, Qt::Alignment valueAlignment, QWidget *parent = nullptr);

    // Adds a row and returns its value label. The label gets `objectName`, so that tests and
    // style sheets can find it. Detail rows are indented under the row above them.
    QLabel *addRow(const QString &name, const QString &objectName, RowStyle style = RowStyle::Normal);

private:
    QGridLayout *m_grid;
    Qt::Alignment m_valueAlignment;
    int m_rows = 0;
};

} // namespace s1
