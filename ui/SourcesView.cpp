#include "SourcesView.h"

#include "SourcesTableModel.h"
#include "TouchStyle.h"

#include <QEvent>
#include <QHeaderView>
#include <QPainter>
#include <QPolygonF>
#include <QResizeEvent>
#include <QScrollBar>
#include <QStyledItemDelegate>

#include <algorithm>
#include <array>
#include <cmath>

namespace s1 {

namespace {

constexpr int kHeaderHeightPx = 40;
// Air on each side of a cell's text beyond the style's own margin, so that a right-aligned
// number never runs into the left-aligned text of the next column.
constexpr int kCellTextPaddingPx = 3;

// The distance from a cell's edge to its text: the style's item text margin (as
// QCommonStyle computes it for SE_ItemViewItemText) plus our padding. Headers use it too.
int textInset(const QWidget *widget)
{
    return widget->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1 + kCellTextPaddingPx;
}

struct ColumnSample
{
    int column;
    const char *widestText; // the widest value the column normally shows
    bool bold = false;      // whether the model asks for a bold font
};

// Widths derived from text, not pixels, so that they follow the font size.
constexpr std::array<ColumnSample, 7> kFixedColumns = {{
    {SourcesTableModel::StateColumn, "#+", true},
    {SourcesTableModel::StratumColumn, "16"},
    {SourcesTableModel::PollColumn, "-6"},
    {SourcesTableModel::ReachColumn, "377"},
    {SourcesTableModel::LastRxColumn, "1199"},
    {SourcesTableModel::OffsetColumn, "+999.9 ms"},
    {SourcesTableModel::DelayColumn, "999.9 ms"},
}};

// What the status column shows in full at any width; longer reasons are elided on a small
// screen, and the tooltip has them.
constexpr ColumnSample kStatusMinimum = {SourcesTableModel::StatusColumn, "Not combined"};
// Host names longer than this are elided even when there would be room: the columns after
// the name stay close to it.
constexpr int kNameMaxChars = 32;

// Draws the selection and background across the whole cell but the text inset by
// kCellTextPaddingPx, which QStyledItemDelegate alone cannot do.
class PaddedItemDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem background(option);
        initStyleOption(&background, index);
        background.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : nullptr;
        if (style)
            style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);

        QStyleOptionViewItem inset(option);
        inset.rect.adjust(kCellTextPaddingPx, 0, -kCellTextPaddingPx, 0);
        inset.state &= ~QStyle::State_HasFocus; // a row is the unit of selection, not a cell
        QStyledItemDelegate::paint(painter, inset, index);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(2 * kCellTextPaddingPx, 0);
    }
};

constexpr int kSortArrowWidthPx = 12;
constexpr int kSortArrowHeightPx = 6;
constexpr int kSortArrowTopPx = 3;
// Air under a two-line title.
constexpr int kTitleBottomPx = 2;

// Flat sections whose text is inset exactly like the cells below, with the sort arrow above the
// text: the fixed-width columns have no room for it beside the text, where styles put it.
class SourcesHeader : public QHeaderView
{
public:
    explicit SourcesHeader(QWidget *parent)
        : QHeaderView(Qt::Horizontal, parent)
    { }

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override
    {
        if (!model())
            return;
        painter->save();
        const QPalette &colors = palette();
        painter->fillRect(rect, colors.button());
        painter->setPen(colors.color(QPalette::Mid));
        painter->drawLine(rect.bottomLeft(), rect.bottomRight());

        const QVariant alignment = model()->headerData(logicalIndex, orientation(), Qt::TextAlignmentRole);
        const Qt::Alignment textAlignment =
            alignment.isValid() ? alignment.value<Qt::Alignment>() : Qt::AlignLeft | Qt::AlignVCenter;
        const QString title = model()->headerData(logicalIndex, orientation()).toString();
        const int inset = textInset(this);
        const QRect textRect = rect.adjusted(inset, 0, -inset, 0);
        painter->setPen(colors.color(QPalette::ButtonText));
        // A title may have two lines (the offset's sign convention): each is elided alone.
        QStringList lines = title.split(QLatin1Char('\n'));
        for (QString &line : lines)
            line = fontMetrics().elidedText(line, Qt::ElideRight, textRect.width());
        // Several lines fill the section: at the bottom, they stay clear of the arrow on top.
        const Qt::Alignment placed =
            lines.size() > 1 ? (textAlignment & Qt::AlignHorizontal_Mask) | Qt::AlignBottom : textAlignment;
        painter->drawText(textRect.adjusted(0, 0, 0, -kTitleBottomPx), placed, lines.join(QLatin1Char('\n')));

        if (isSortIndicatorShown() && sortIndicatorSection() == logicalIndex)
            paintSortArrow(painter, rect);
        painter->restore();
    }

private:
    void paintSortArrow(QPainter *painter, const QRect &section) const
    {
        const qreal left = section.center().x() - kSortArrowWidthPx / 2.0;
        const qreal top = section.top() + kSortArrowTopPx;
        const qreal bottom = top + kSortArrowHeightPx;
        const bool up = sortIndicatorOrder() == Qt::AscendingOrder;
        const QPointF tip(left + kSortArrowWidthPx / 2.0, up ? top : bottom);
        const QPolygonF arrow{{left, up ? bottom : top}, tip, {left + kSortArrowWidthPx, up ? bottom : top}};
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(palette().color(QPalette::ButtonText));
        painter->drawPolygon(arrow);
    }
};

} // namespace

SourcesView::SourcesView(QWidget *parent)
    : QTableView(parent)
{
    setItemDelegate(new PaddedItemDelegate(this));
    setSelectionBehavior(SelectRows);
    setSelectionMode(SingleSelection);
    setEditTriggers(NoEditTriggers);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setFrameShape(QFrame::NoFrame); // the tab page is the frame
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setCornerButtonEnabled(false);
    // Pixel steps, or a kinetic flick would jump a whole row at a time.
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollMode(ScrollPerPixel);
    enableKineticScrolling(this);

    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(kTouchTargetPx); // a row is a tap target

    setHorizontalHeader(new SourcesHeader(this));
    QHeaderView *header = horizontalHeader();
    header->setMinimumHeight(kHeaderHeightPx);
    header->setSectionsClickable(true);
    header->setHighlightSections(false);
    header->setSectionsMovable(false);
    // Tapping a header cycles ascending, descending, and back to the engine's order.
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    setSortingEnabled(true);
}

void SourcesView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    fitColumns();
    if (!model)
        return;
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &SourcesView::fitRowHeight);
    connect(model, &QAbstractItemModel::modelReset, this, &SourcesView::fitRowHeight);
    connect(model, &QAbstractItemModel::layoutChanged, this, &SourcesView::fitRowHeight);
    fitRowHeight();
}

void SourcesView::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitColumns();
}

void SourcesView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    fitNameColumn();
    fitRowHeight();
}

void SourcesView::fitRowHeight()
{
    const int rows = model() ? model()->rowCount() : 0;
    // The viewport without the horizontal header, which resizeEvent has already placed.
    const int room = viewport()->height();
    int height = kTouchTargetPx;
    if (rows > 0 && rows * kTouchTargetPx > room)
        height = std::max(kCompactTouchTargetPx, room / rows);
    if (verticalHeader()->defaultSectionSize() != height)
        verticalHeader()->setDefaultSectionSize(height);
}

void SourcesView::fitColumns()
{
    QHeaderView *header = horizontalHeader();
    if (!model() || header->count() < SourcesTableModel::ColumnCount)
        return;
    const int inset = textInset(this);
    // Fractional metrics: text is laid out at sub-pixel widths and would be elided by a column
    // that is a fraction of a pixel too narrow.
    const QFontMetricsF metrics(font());
    QFont boldFont = font();
    boldFont.setBold(true);
    const QFontMetricsF boldMetrics(boldFont);
    int titleLines = 1;
    const auto sampleWidth = [&](const ColumnSample &sample) {
        const QStringList title =
            model()->headerData(sample.column, Qt::Horizontal).toString().split(QLatin1Char('\n'));
        titleLines = std::max(titleLines, static_cast<int>(title.size()));
        const QString widest = QString::fromLatin1(sample.widestText);
        qreal textWidth = (sample.bold ? boldMetrics : metrics).horizontalAdvance(widest);
        for (const QString &line : title)
            textWidth = std::max(textWidth, metrics.horizontalAdvance(line));
        return static_cast<int>(std::ceil(textWidth)) + 2 * inset;
    };
    for (const ColumnSample &sample : kFixedColumns) {
        header->setSectionResizeMode(sample.column, QHeaderView::Fixed);
        header->resizeSection(sample.column, sampleWidth(sample));
    }
    m_statusMinWidthPx = sampleWidth(kStatusMinimum);
    m_nameMaxWidthPx = static_cast<int>(std::ceil(metrics.averageCharWidth() * kNameMaxChars)) + 2 * inset;
    // Two-line titles sit below the sort arrow (see paintSection).
    const int titleHeight = static_cast<int>(std::ceil(metrics.lineSpacing() * titleLines));
    header->setMinimumHeight(titleLines > 1 ? titleHeight + kSortArrowTopPx + kSortArrowHeightPx + kTitleBottomPx
                                            : kHeaderHeightPx);
    header->setSectionResizeMode(SourcesTableModel::NameColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(SourcesTableModel::StatusColumn, QHeaderView::Stretch);
    fitNameColumn();
}

void SourcesView::fitNameColumn()
{
    QHeaderView *header = horizontalHeader();
    if (!model() || header->count() < SourcesTableModel::ColumnCount)
        return;
    int fixedWidth = 0;
    for (const ColumnSample &sample : kFixedColumns)
        fixedWidth += header->sectionSize(sample.column);
    // Reserve the vertical scroll bar even while it is hidden, so that its appearing with the
    // ninth source does not squeeze the status column.
    const int available = width() - 2 * frameWidth() - verticalScrollBar()->sizeHint().width();
    const int room = available - fixedWidth - m_statusMinWidthPx;
    header->resizeSection(SourcesTableModel::NameColumn,
                          std::clamp(room, header->minimumSectionSize(), m_nameMaxWidthPx));
}

} // namespace s1
