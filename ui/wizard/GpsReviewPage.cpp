#include "wizard/GpsReviewPage.h"

#include "StatusColors.h"
#include "TextColor.h"
#include "TouchStyle.h"
#include "config/ConfigFile.h"
#include "wizard/GpsWizardState.h"

#include <QBoxLayout>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>

#include <algorithm>

namespace s1 {

namespace {

// Air between the framed lines and their frame.
constexpr int kPreviewMarginPx = 4;

} // namespace

GpsReviewPage::GpsReviewPage(GpsWizardState *state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_lines(new QLabel)
    , m_linesScroll(new QScrollArea(this))
    , m_replaces(new QLabel(this))
    , m_path(new QLineEdit(this))
    , m_write(new QPushButton(tr("Write configuration"), this))
    , m_result(new QLabel(this))
{
    setTitle(tr("Review and write"));
    m_lines->setObjectName(QStringLiteral("linesPreview"));
    // A label, not an editor: two lines need no scrolling, and a long path wraps between words.
    m_lines->setWordWrap(true);
    m_lines->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lines->setFrameShape(QFrame::StyledPanel);
    m_lines->setMargin(kPreviewMarginPx);
    m_lines->setAutoFillBackground(true);
    m_lines->setBackgroundRole(QPalette::Base);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(std::max(mono.pointSizeF(), font().pointSizeF()));
    m_lines->setFont(mono);
    // A new file is shown whole, which is more than the 480-line screen has room for.
    m_linesScroll->setObjectName(QStringLiteral("linesPreviewArea"));
    m_linesScroll->setWidget(m_lines);
    m_linesScroll->setWidgetResizable(true);
    m_linesScroll->setFrameShape(QFrame::NoFrame);
    m_linesScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_linesScroll->viewport()->installEventFilter(this);
    enableKineticScrolling(m_linesScroll);
    m_replaces->setObjectName(QStringLiteral("replacesNote"));
    m_replaces->setWordWrap(true);

    auto *why = new QLabel(tr("Why offset %1: a receiver sends the time of a second about 0.1 s after the second "
                              "starts. Why delay %2: serial time jitters by milliseconds, so better sources must "
                              "outweigh it.")
                               .arg(GpsRefClockPlan::kNmeaOffset)
                               .arg(GpsRefClockPlan::kNmeaDelay),
                           this);
    why->setObjectName(QStringLiteral("optionsWhy"));
    why->setWordWrap(true);

    m_path->setObjectName(QStringLiteral("configPath"));
    connect(m_path, &QLineEdit::textChanged, this, [this] {
        m_written = false;
        m_result->clear();
        updatePreview();
        emit completeChanged();
    });
    auto *browse = new QPushButton(tr("Browse\u2026"), this);
    browse->setObjectName(QStringLiteral("browseConfig"));
    connect(browse, &QPushButton::clicked, this, &GpsReviewPage::browse);
    m_write->setObjectName(QStringLiteral("writeButton"));
    connect(m_write, &QPushButton::clicked, this, &GpsReviewPage::write);
    m_result->setObjectName(QStringLiteral("writeResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(new QLabel(tr("File:"), this));
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_write, 0, Qt::AlignTop);
    resultRow->addWidget(m_result, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("These lines will be written:"), this));
    layout->addWidget(m_linesScroll);
    layout->addWidget(m_replaces);
    layout->addWidget(why);
    layout->addLayout(fileRow);
    layout->addLayout(resultRow);
    layout->addStretch(1);
    setStyleSheet(touchStyleSheet());
}

GpsRefClockPlan GpsReviewPage::plan() const
{
    GpsRefClockChoice choice;
    choice.port = m_state->port.toStdString();
    choice.baudRate = m_state->findings ? m_state->findings->baudRate : 0;
    choice.ppsDevice = m_state->ppsDevice.toStdString();
    return GpsRefClockPlan(choice);
}

void GpsReviewPage::initializePage()
{
    if (m_path->text().isEmpty())
        m_path->setText(m_state->configPath);
    m_written = false;
    m_result->clear();
    updatePreview();
}

bool GpsReviewPage::loadTarget(ConfigDocument &document, QString &error) const
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        error = tr("Choose a configuration file.");
        return false;
    }
    if (!QFileInfo::exists(path)) {
        // Not only the refclock lines: a file with nothing else would lose the pool the service
        // runs without a file, and serve nobody.
        document = ConfigDocument::fromText(GpsRefClockPlan::kNewConfiguration);
        return true;
    }
    std::string message;
    if (!loadConfigFile(path.toStdString(), document, message)) {
        error = QString::fromStdString(message);
        return false;
    }
    return true;
}

void GpsReviewPage::updatePreview()
{
    const GpsRefClockPlan p = plan();
    QStringList text;
    for (const std::string &line : p.lines())
        text << QString::fromStdString(line);
    m_lines->setText(text.join(QLatin1Char('\n')));

    ConfigDocument document;
    QString error;
    const bool loaded = loadTarget(document, error);
    const QString path = m_path->text().trimmed();
    const bool created = loaded && !QFileInfo::exists(path);
    if (created) {
        // A new file is shown as it will be, every line of it.
        p.applyTo(document);
        m_lines->setText(QString::fromStdString(document.toText()).trimmed());
    }
    fitPreviewHeight();
    if (!loaded) {
        m_replaces->setText(error);
        return;
    }
    const auto replaced = p.replacedLines(document);
    if (created) {
        m_replaces->setText(tr("%1 does not exist yet: it will be created with the pool, service to the local "
                               "networks, a drift file, makestep and rtcsync, and the receiver's lines.")
                                .arg(path));
    } else if (replaced.empty()) {
        m_replaces->setText(tr("Added at the end of %1; the rest of the file is kept as it is.").arg(path));
    } else {
        QStringList numbers;
        for (const std::size_t index : replaced)
            numbers << QString::number(index + 1);
        const QString format =
            replaced.size() == 1 ? tr(
                "Replaces line %1 of %2 (the same device's earlier setting); the rest of the file is kept as it is.")
                                 : tr("Replaces lines %1 of %2 (the same device's earlier settings); the rest of the "
                                      "file is kept as it is.");
        m_replaces->setText(format.arg(numbers.join(QStringLiteral(", ")), path));
    }
}

void GpsReviewPage::fitPreviewHeight()
{
    // Four lines keep the whole wizard within an 800x416 desktop (panel and title bar) with the
    // path, the notes (German ones are long) and the button below; the rest scrolls by finger.
    constexpr int kMaxPreviewLines = 4;
    const int width = m_linesScroll->viewport()->width();
    const int content = m_lines->heightForWidth(width > 0 ? width : m_linesScroll->width());
    const int most =
        kMaxPreviewLines * m_lines->fontMetrics().lineSpacing() + 2 * (kPreviewMarginPx + m_lines->frameWidth());
    const int height = std::min(content > 0 ? content : most, most);
    if (m_linesScroll->height() != height || m_linesScroll->minimumHeight() != height)
        m_linesScroll->setFixedHeight(height);
}

bool GpsReviewPage::eventFilter(QObject *watched, QEvent *event)
{
    // Width decides how many lines the wrapped preview takes; height does not feed back.
    if (watched == m_linesScroll->viewport() && event->type() == QEvent::Resize)
        fitPreviewHeight();
    return QWizardPage::eventFilter(watched, event);
}

void GpsReviewPage::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Configuration file"), m_path->text(), {}, nullptr,
                                                        QFileDialog::DontConfirmOverwrite);
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

bool GpsReviewPage::write()
{
    ConfigDocument document;
    QString error;
    // Loaded again: the file may have changed since the preview.
    if (!loadTarget(document, error)) {
        showResult(error, false);
        return false;
    }
    plan().applyTo(document);
    const QString path = m_path->text().trimmed();
    std::string message;
    if (!saveConfigFile(document, path.toStdString(), message)) {
        showResult(tr("Not written: %1").arg(QString::fromStdString(message)), false);
        return false;
    }
    m_written = true;
    // What happens next (a reload) is the window's to offer once the wizard is done.
    showResult(tr("Written to %1.").arg(path), true);
    emit completeChanged();
    emit written(path);
    return true;
}

void GpsReviewPage::showResult(const QString &text, bool ok)
{
    setTextColor(m_result, ok ? StatusColors::kGood : StatusColors::kBad);
    m_result->setText(text);
}

bool GpsReviewPage::isComplete() const
{
    return m_written;
}

} // namespace s1
