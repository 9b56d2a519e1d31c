#include "ValueGroup.h"

#include <QGridLayout>
#include <QLabel>

namespace s1 {

namespace {
// Rows a line apart would not fit the GPS and server pages on an 800x416 desktop.
constexpr int kRowSpacingPx = 6;
constexpr int kColumnSpacingPx = 12;
constexpr int kDetailIndentPx = 20;
constexpr int kNameColumn = 0;
constexpr int kValueColumn = 1;
} // namespace

ValueGroup::ValueGroup(const QString &title, Qt::Alignment valueAlignment, QWidget *parent)
    : QGroupBox(title, parent)
    , m_grid(new QGridLayout(this))
    , m_valueAlignment(valueAlignment)
{
    m_grid->setVerticalSpacing(kRowSpacingPx);
    m_grid->setHorizontalSpacing(kColumnSpacingPx);
    m_grid->setColumnStretch(kValueColumn, 1);
}

QLabel *ValueGroup::addRow(const QString &name, const QString &objectName, RowStyle style)
{
    const int row = m_rows++;
    auto *nameLabel = new QLabel(name, this);
    auto *valueLabel = new QLabel(QStringLiteral("-"), this);
    valueLabel->setObjectName(objectName);
    nameLabel->setBuddy(valueLabel);
    // Long values (reference names) wrap instead of widening the window past a small screen.
    valueLabel->setWordWrap(true);
    valueLabel->setAlignment(m_valueAlignment | Qt::AlignVCenter);
    if (style == RowStyle::Detail) {
        nameLabel->setIndent(kDetailIndentPx);
        nameLabel->setForegroundRole(QPalette::PlaceholderText);
        valueLabel->setForegroundRole(QPalette::PlaceholderText);
    } else {
        // Only the weight is set, so family and size still follow the window's font.
        QFont bold;
        bold.setBold(true);
        valueLabel->setFont(bold);
    }
    m_grid->addWidget(nameLabel, row, kNameColumn, Qt::AlignLeft | Qt::AlignVCenter);
    m_grid->addWidget(valueLabel, row, kValueColumn);
    return valueLabel;
}

} // namespace s1
