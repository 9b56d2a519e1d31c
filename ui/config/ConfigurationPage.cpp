#include "config/ConfigurationPage.h"

#include "SnapshotFeed.h"
#include "StatusColors.h"
#include "TextColor.h"
#include "TouchStyle.h"
#include "config/ConfigEditing.h"
#include "config/ConfigHighlighter.h"
#include "config/ConfigLexer.h"
#include "config/ConfigLineDiff.h"
#include "config/ConfigReader.h"
#include "config/ConfigReviewDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace s1 {

namespace {

constexpr int kMarginPx = 8;
// What a push button's frame adds to its style-sheet height.
constexpr int kCornerFramePx = 2;
// The source and access lists beside their forms: room for "server ntp.example.org iburst".
constexpr int kListWidthPx = 300;
// Problems under the text: two rows, the editor keeps the rest of a 800x480 page.
constexpr int kProblemListRows = 2;
// At most this many of an apply's problems in the banner; all of them are in the text tab.
constexpr int kBannerProblems = 3;
constexpr std::size_t kAddressWord = 1;
constexpr std::size_t kDeviceWord = 2;
// allow/deny [all] [SUBNET] has three words; more on a line are counted (and removed) up to this.
constexpr std::size_t kMaxAccessWords = 8;

const QColor kErrorLineBackground(0xff, 0xe4, 0xe4);

const QString kInteger = QStringLiteral("[-+]?[0-9]*");
const QString kReal = QStringLiteral("[-+0-9.eE]*");
const QString kWord = QStringLiteral("\\S*");

const char *const kSourceDirectives[] = {"server", "pool", "peer", "refclock"};

bool isSourceDirective(std::string_view name)
{
    return std::any_of(std::begin(kSourceDirectives), std::end(kSourceDirectives),
                       [&](const char *d) { return equalsIgnoreCase(name, d); });
}

bool isAccessDirective(std::string_view name)
{
    return equalsIgnoreCase(name, "allow") || equalsIgnoreCase(name, "deny");
}

QString lineText(const ConfigDocument &document, std::size_t line)
{
    return QString::fromStdString(document.line(line).text()).trimmed();
}

QString describe(const ConfigDiagnostic &diagnostic)
{
    const QString message = QString::fromStdString(diagnostic.message);
    const QString kind = diagnostic.severity == ConfigDiagnostic::Severity::Error ? ConfigurationPage::tr("error")
                                                                                  : ConfigurationPage::tr("warning");
    if (diagnostic.line <= 0)
        return ConfigurationPage::tr("%1: %2").arg(kind, message);
    if (diagnostic.column <= 0)
        return ConfigurationPage::tr("Line %1: %2: %3").arg(diagnostic.line).arg(kind, message);
    return ConfigurationPage::tr("Line %1, column %2: %3: %4")
        .arg(diagnostic.line)
        .arg(diagnostic.column)
        .arg(kind, message);
}

// The fixed-width font, no smaller than the touch style's text.
QFont readableFixedFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font.pointSizeF() < kMinBaseFontPt)
        font.setPointSizeF(kMinBaseFontPt);
    return font;
}

// Labels as tall as their fields and centred on them, so that each row reads as one line.
void alignLabels(QFormLayout *form)
{
    for (int row = 0; row < form->rowCount(); ++row) {
        if (QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole)) {
            if (auto *label = qobject_cast<QLabel *>(item->widget())) {
                label->setMinimumHeight(kTouchTargetPx);
                label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            }
        }
    }
}

// A section's forms (there may be several, between check boxes) as one: their labels one width,
// their unit columns one width, so that the fields start and end at the same x.
void alignColumns(QWidget *section)
{
    int labelWidth = 0;
    std::vector<QLabel *> labels;
    for (QFormLayout *form : section->findChildren<QFormLayout *>()) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            if (auto *label = item ? qobject_cast<QLabel *>(item->widget()) : nullptr) {
                labels.push_back(label);
                labelWidth = std::max(labelWidth, label->sizeHint().width());
            }
        }
    }
    for (QLabel *label : labels)
        label->setMinimumWidth(labelWidth);
    const QList<QLabel *> units = section->findChildren<QLabel *>(QStringLiteral("fieldUnit"));
    int unitWidth = 0;
    for (const QLabel *unit : units)
        unitWidth = std::max(unitWidth, unit->sizeHint().width());
    for (QLabel *unit : units) {
        unit->setFixedWidth(unitWidth);
        unit->setVisible(unitWidth > 0); // no units at all: no column (nor its spacing)
    }
}

void markField(QWidget *field, bool bad)
{
    // A red frame on the field the reader pointed at, beside the message below the form.
    field->setStyleSheet(bad ? QStringLiteral("QLineEdit { border: 2px solid #d00000; }") : QString());
}

} // namespace

ConfigurationPage::ConfigurationPage(QWidget *parent)
    : QWidget(parent)
    , m_banner(new QLabel(this))
    , m_sections(new QTabWidget(this))
    , m_reloadButton(new QPushButton(tr("Reload"), this))
    , m_reviewButton(new QPushButton(tr("Review changes…"), this))
{
    setObjectName(QStringLiteral("configurationPage"));
    m_banner->setObjectName(QStringLiteral("configBanner"));
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(kMarginPx, kMarginPx / 2, kMarginPx, kMarginPx / 2);
    m_banner->hide();

    m_reloadButton->setObjectName(QStringLiteral("configReloadButton"));
    m_reloadButton->setToolTip(tr("Read the file again; edits not applied are kept"));
    connect(m_reloadButton, &QPushButton::clicked, this, &ConfigurationPage::requestText);
    m_reviewButton->setObjectName(QStringLiteral("configReviewButton"));
    connect(m_reviewButton, &QPushButton::clicked, this, &ConfigurationPage::openReview);
    auto *corner = new QWidget(m_sections);
    auto *cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *button : {m_reloadButton, m_reviewButton})
        button->setFixedHeight(kTouchTargetPx);
    cornerLayout->addWidget(m_reloadButton);
    cornerLayout->addWidget(m_reviewButton);

    m_sections->setObjectName(QStringLiteral("configSections"));
    m_sections->setDocumentMode(true);
    // A little taller than a fingertip: the buttons beside the tabs (the corner) get the tab
    // bar's height and need a fingertip's plus their frame.
    m_sections->tabBar()->setStyleSheet(
        QStringLiteral("QTabBar::tab { min-height: %1px; }").arg(kTouchTargetPx + kCornerFramePx));
    m_sections->addTab(createSourcesSection(), tr("Sources"));
    m_sections->addTab(createAccessSection(), tr("Access"));
    m_sections->addTab(createServerSection(), tr("Server"));
    m_sections->addTab(createClockSection(), tr("Clock"));
    m_sections->addTab(createLoggingSection(), tr("Logging"));
    m_sections->addTab(createTextSection(), tr("Text"));
    m_sections->setCornerWidget(corner, Qt::TopRightCorner);
    for (QFormLayout *form : findChildren<QFormLayout *>())
        alignLabels(form);
    for (int section = 0; section < m_sections->count(); ++section)
        alignColumns(m_sections->widget(section));
    connect(m_sections, &QTabWidget::currentChanged, this, &ConfigurationPage::sectionChanged);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_sections, 1);

    refreshFields();
    updateButtons();
}

// --- building the sections

QWidget *ConfigurationPage::scrollable(QWidget *content)
{
    auto *area = new QScrollArea(m_sections);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    // Only vertical: a form wider than the page would hide its right edge behind a scroll bar.
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    area->setWidget(content);
    enableKineticScrolling(area);
    return area;
}

QLabel *ConfigurationPage::createProblemsLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    setTextColor(label, StatusColors::kBad);
    label->hide();
    return label;
}

QWidget *ConfigurationPage::valueField(QLineEdit *&edit, const QString &name, const QString &placeholder,
                                       const QString &unit, const QString &pattern)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit = new QLineEdit(row);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setValidator(new QRegularExpressionValidator(QRegularExpression(pattern), edit));
    layout->addWidget(edit, 1);
    // Every field has its unit's column, empty or not (alignColumns makes them one width), so
    // that the fields of a section end at the same x.
    auto *unitLabel = new QLabel(unit, row);
    unitLabel->setObjectName(QStringLiteral("fieldUnit"));
    layout->addWidget(unitLabel);
    m_editors.push_back(edit);
    return row;
}

void ConfigurationPage::addWordField(QFormLayout *form, const QString &label, const char *directive, std::size_t index,
                                     const QString &placeholder, const QString &unit, const QString &pattern)
{
    QLineEdit *edit = nullptr;
    form->addRow(label, valueField(edit, QStringLiteral("%1_%2").arg(QLatin1String(directive)).arg(index), placeholder,
                                   unit, pattern));
    // The directive's fields together make its words; each knows its siblings by name.
    connect(edit, &QLineEdit::textEdited, this, [this, directive] {
        std::vector<std::string> words;
        for (std::size_t i = 1;; ++i) {
            auto *field = findChild<QLineEdit *>(QStringLiteral("%1_%2").arg(QLatin1String(directive)).arg(i));
            if (!field)
                break;
            words.push_back(field->text().trimmed().toStdString());
        }
        if (setDirectiveWords(m_document, directive, words))
            documentEdited();
    });
    m_refreshers.push_back([this, edit, directive, index] {
        const auto line = lastDirective(m_document, directive);
        edit->setText(line ? QString::fromStdString(wordText(m_document, *line, index)) : QString());
    });
}

void ConfigurationPage::addOptionField(QFormLayout *form, const QString &label, const char *directive,
                                       const char *option, const QString &placeholder, const QString &unit,
                                       const QString &pattern)
{
    QLineEdit *edit = nullptr;
    form->addRow(label, valueField(edit, QStringLiteral("%1_%2").arg(QLatin1String(directive), QLatin1String(option)),
                                   placeholder, unit, pattern));
    connect(edit, &QLineEdit::textEdited, this, [this, edit, directive, option](const QString &value) {
        const auto line = lastDirective(m_document, directive);
        if (!line)
            return;
        const std::string text = value.trimmed().toStdString();
        const bool done =
            text.empty() ? (m_document.removeOption(*line, option), true) : m_document.setOption(*line, option, text);
        markField(edit, !done);
        if (done)
            documentEdited();
    });
    m_refreshers.push_back([this, edit, directive, option] {
        const auto line = lastDirective(m_document, directive);
        const auto value = line ? m_document.optionValue(*line, option) : std::nullopt;
        edit->setText(value ? QString::fromUtf8(value->data(), static_cast<qsizetype>(value->size())) : QString());
        // Options of a directive that is not there cannot be set.
        edit->setEnabled(line.has_value());
    });
}

QCheckBox *ConfigurationPage::addOptionFlag(QWidget *parent, const QString &label, const char *directive,
                                            const char *option)
{
    auto *box = new QCheckBox(label, parent);
    box->setObjectName(QStringLiteral("%1_%2").arg(QLatin1String(directive), QLatin1String(option)));
    box->setMinimumHeight(kTouchTargetPx);
    connect(box, &QCheckBox::clicked, this, [this, directive, option](bool on) {
        const auto line = lastDirective(m_document, directive);
        if (!line)
            return;
        if (on)
            m_document.setOption(*line, option);
        else
            m_document.removeOption(*line, option);
        documentEdited();
    });
    m_refreshers.push_back([this, box, directive, option] {
        const auto line = lastDirective(m_document, directive);
        box->setChecked(line && m_document.hasOption(*line, option));
        box->setEnabled(line.has_value());
    });
    m_editors.push_back(box);
    return box;
}

QCheckBox *ConfigurationPage::addPresenceBox(QWidget *parent, const QString &label, const char *directive)
{
    auto *box = new QCheckBox(label, parent);
    box->setObjectName(QStringLiteral("%1_present").arg(QLatin1String(directive)));
    box->setMinimumHeight(kTouchTargetPx);
    connect(box, &QCheckBox::clicked, this, [this, directive](bool on) {
        if (on)
            m_document.addDirective(directive);
        else
            removeDirectives(m_document, directive);
        documentEdited();
        refreshFields(); // the directive's options are enabled or disabled with it
    });
    m_refreshers.push_back(
        [this, box, directive] { box->setChecked(lastDirective(m_document, directive).has_value()); });
    m_editors.push_back(box);
    return box;
}

QCheckBox *ConfigurationPage::addLogFlag(QWidget *parent, const char *word)
{
    auto *box = new QCheckBox(QString::fromLatin1(word), parent);
    box->setObjectName(QStringLiteral("log_%1").arg(QLatin1String(word)));
    box->setMinimumHeight(kTouchTargetPx);
    auto wordIndex = [this, word](std::size_t line) -> std::size_t {
        const ConfigLine &configLine = m_document.line(line);
        for (std::size_t i = 1; i < configLine.wordCount(); ++i)
            if (equalsIgnoreCase(configLine.word(i).text, word))
                return i;
        return 0;
    };
    connect(box, &QCheckBox::clicked, this, [this, word, wordIndex](bool on) {
        const auto line = lastDirective(m_document, "log");
        if (on && !line) {
            m_document.addDirective(std::string("log ") + word);
        } else if (on) {
            if (wordIndex(*line) == 0)
                setWord(m_document, *line, m_document.line(*line).wordCount(), word);
        } else if (line) {
            if (const std::size_t index = wordIndex(*line); index > 0)
                setWord(m_document, *line, index, {});
            if (m_document.line(*line).wordCount() == 1)
                m_document.removeLine(*line);
        }
        documentEdited();
    });
    m_refreshers.push_back([this, box, wordIndex] {
        const auto line = lastDirective(m_document, "log");
        box->setChecked(line && wordIndex(*line) > 0);
    });
    m_editors.push_back(box);
    return box;
}

QWidget *ConfigurationPage::createSourcesSection()
{
    auto *page = new QWidget(m_sections);
    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(kMarginPx, kMarginPx, kMarginPx, 0);

    auto *left = new QVBoxLayout;
    m_sourceList = new QListWidget(page);
    m_sourceList->setObjectName(QStringLiteral("sourceList"));
    m_sourceList->setFixedWidth(kListWidthPx);
    // Long lines wrap rather than hide their options behind a sideways scroll.
    m_sourceList->setWordWrap(true);
    m_sourceList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    enableKineticScrolling(m_sourceList);
    connect(m_sourceList, &QListWidget::currentRowChanged, this, &ConfigurationPage::showSelectedSource);
    left->addWidget(m_sourceList, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add…"), page);
    add->setObjectName(QStringLiteral("addSourceButton"));
    auto *menu = new QMenu(add);
    for (const char *directive : kSourceDirectives) {
        QAction *action = menu->addAction(QString::fromLatin1(directive));
        connect(action, &QAction::triggered, this, [this, directive] { addSource(directive); });
    }
    add->setMenu(menu);
    m_removeSource = new QPushButton(tr("Remove"), page);
    m_removeSource->setObjectName(QStringLiteral("removeSourceButton"));
    connect(m_removeSource, &QPushButton::clicked, this, &ConfigurationPage::removeSource);
    buttons->addWidget(add);
    buttons->addWidget(m_removeSource);
    left->addLayout(buttons);
    m_editors.push_back(add);
    layout->addLayout(left);

    m_sourceForm = new QWidget(page);
    auto *formBox = new QVBoxLayout(m_sourceForm);
    formBox->setContentsMargins(0, 0, 0, 0);
    // The reader's message on top, where it is seen while typing, not below the fold.
    m_sourceProblems = createProblemsLabel(m_sourceForm);
    m_sourceProblems->setObjectName(QStringLiteral("sourceProblems"));
    formBox->addWidget(m_sourceProblems);
    m_sourceFormLayout = new QFormLayout;
    // An NTP source's kind can change (the reader then judges its options for the new one); a
    // refclock's line has another syntax altogether and stays what it is.
    auto *kindRow = new QWidget(m_sourceForm);
    auto *kindLayout = new QHBoxLayout(kindRow);
    kindLayout->setContentsMargins(0, 0, 0, 0);
    m_sourceKindChoice = new QComboBox(kindRow);
    m_sourceKindChoice->setObjectName(QStringLiteral("sourceKindChoice"));
    m_sourceKindChoice->setMinimumHeight(kTouchTargetPx);
    for (const char *kind : {"server", "pool", "peer"})
        m_sourceKindChoice->addItem(QString::fromLatin1(kind), QString::fromLatin1(kind));
    connect(m_sourceKindChoice, &QComboBox::activated, this, [this](int index) {
        editSourceWord(0, m_sourceKindChoice->itemData(index).toString());
        showSelectedSource();
    });
    m_editors.push_back(m_sourceKindChoice);
    kindLayout->addWidget(m_sourceKindChoice);
    m_sourceKind = new QLabel(kindRow);
    m_sourceKind->setObjectName(QStringLiteral("sourceKind"));
    kindLayout->addWidget(m_sourceKind, 1);
    m_sourceFormLayout->addRow(tr("Line"), kindRow);
    m_sourceFormLayout->addRow(tr("Address"), valueField(m_sourceAddress, QStringLiteral("sourceAddress"),
                                                         tr("host name or address"), QString(), kWord));
    connect(m_sourceAddress, &QLineEdit::textEdited, this,
            [this](const QString &value) { editSourceWord(kAddressWord, value); });
    m_sourceFormLayout->addRow(tr("Device"), valueField(m_sourceDevice, QStringLiteral("sourceDevice"),
                                                        tr("/dev/pps0, /dev/ttyS0:9600…"), QString(), kWord));
    connect(m_sourceDevice, &QLineEdit::textEdited, this,
            [this](const QString &value) { editSourceWord(kDeviceWord, value); });

    // Chrony's defaults as placeholders: what the source gets while the field is empty.
    struct Spec
    {
        const char *option;
        QString label;
        QString placeholder;
        QString unit;
        QString pattern;
        bool ntp;
        bool refclock;
    };
    const Spec values[] = {
        {"minpoll", tr("Min poll"), QStringLiteral("6"), tr("log₂ s"), kInteger, true, false},
        {"maxpoll", tr("Max poll"), QStringLiteral("10"), tr("log₂ s"), kInteger, true, false},
        {"maxdelay", tr("Max delay"), QStringLiteral("3"), tr("s"), kReal, true, false},
        {"refid", tr("Reference ID"), tr("from the driver"), QString(), kWord, false, true},
        {"lock", tr("Lock to"), tr("none"), tr("ref. ID"), kWord, false, true},
        {"poll", tr("Poll"), QStringLiteral("4"), tr("log₂ s"), kInteger, false, true},
        {"dpoll", tr("Driver poll"), QStringLiteral("0"), tr("log₂ s"), kInteger, false, true},
        {"offset", tr("Offset"), QStringLiteral("0.0"), tr("s"), kReal, false, true},
        {"delay", tr("Delay"), QStringLiteral("1e-9"), tr("s"), kReal, false, true},
    };
    for (const Spec &spec : values) {
        SourceOptionField field{spec.option, spec.ntp, spec.refclock};
        field.row = valueField(field.edit, QStringLiteral("source_%1").arg(QLatin1String(spec.option)),
                               spec.placeholder, spec.unit, spec.pattern);
        m_sourceFormLayout->addRow(spec.label, field.row);
        const char *option = spec.option;
        connect(field.edit, &QLineEdit::textEdited, this,
                [this, option](const QString &value) { editSourceOption(option, value, false); });
        m_sourceOptions.push_back(field);
    }
    formBox->addLayout(m_sourceFormLayout);
    auto *flags = new QGridLayout;
    struct FlagSpec
    {
        const char *option;
        bool ntp;
        bool refclock;
    };
    const FlagSpec flagSpecs[] = {{"iburst", true, false},  {"burst", true, false}, {"prefer", true, true},
                                  {"noselect", true, true}, {"trust", true, true},  {"require", true, true},
                                  {"xleave", true, false},  {"pps", false, true}};
    int column = 0;
    int row = 0;
    for (const FlagSpec &spec : flagSpecs) {
        SourceOptionField field{spec.option, spec.ntp, spec.refclock};
        field.flag = new QCheckBox(QString::fromLatin1(spec.option), m_sourceForm);
        field.flag->setObjectName(QStringLiteral("source_%1").arg(QLatin1String(spec.option)));
        field.flag->setMinimumHeight(kTouchTargetPx);
        field.row = field.flag;
        const char *option = spec.option;
        connect(field.flag, &QCheckBox::clicked, this,
                [this, option](bool on) { editSourceOption(option, on ? QStringLiteral("1") : QString(), true); });
        m_editors.push_back(field.flag);
        m_sourceOptions.push_back(field);
        flags->addWidget(field.flag, row, column);
        if (++column == 3) {
            column = 0;
            ++row;
        }
    }
    formBox->addLayout(flags);
    formBox->addStretch(1);
    layout->addWidget(scrollable(m_sourceForm), 1);
    m_sectionProblems.push_back({{}, nullptr}); // the selected source's problems: sourceProblems
    return page;
}

QWidget *ConfigurationPage::createAccessSection()
{
    auto *page = new QWidget(m_sections);
    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(kMarginPx, kMarginPx, kMarginPx, 0);
    auto *left = new QVBoxLayout;
    m_accessList = new QListWidget(page);
    m_accessList->setObjectName(QStringLiteral("accessList"));
    m_accessList->setFixedWidth(kListWidthPx);
    m_accessList->setWordWrap(true);
    m_accessList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    enableKineticScrolling(m_accessList);
    connect(m_accessList, &QListWidget::currentRowChanged, this, &ConfigurationPage::showSelectedAccess);
    left->addWidget(m_accessList, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), page);
    add->setObjectName(QStringLiteral("addAccessButton"));
    connect(add, &QPushButton::clicked, this, &ConfigurationPage::addAccess);
    m_removeAccess = new QPushButton(tr("Remove"), page);
    m_removeAccess->setObjectName(QStringLiteral("removeAccessButton"));
    connect(m_removeAccess, &QPushButton::clicked, this, &ConfigurationPage::removeAccess);
    buttons->addWidget(add);
    buttons->addWidget(m_removeAccess);
    left->addLayout(buttons);
    m_editors.push_back(add);
    layout->addLayout(left);

    auto *form = new QWidget(page);
    auto *formBox = new QVBoxLayout(form);
    formBox->setContentsMargins(0, 0, 0, 0);
    auto *fields = new QFormLayout;
    m_accessKind = new QComboBox(form);
    m_accessKind->setObjectName(QStringLiteral("accessKind"));
    m_accessKind->setMinimumHeight(kTouchTargetPx);
    m_accessKind->addItem(tr("allow"), QStringLiteral("allow"));
    m_accessKind->addItem(tr("deny"), QStringLiteral("deny"));
    m_accessKind->addItem(tr("allow all"), QStringLiteral("allow all"));
    m_accessKind->addItem(tr("deny all"), QStringLiteral("deny all"));
    connect(m_accessKind, &QComboBox::activated, this, &ConfigurationPage::editAccess);
    m_editors.push_back(m_accessKind);
    fields->addRow(tr("Rule"), m_accessKind);
    fields->addRow(tr("Subnet"),
                   valueField(m_accessSubnet, QStringLiteral("accessSubnet"), tr("every address"), QString(), kWord));
    connect(m_accessSubnet, &QLineEdit::textEdited, this, &ConfigurationPage::editAccess);
    formBox->addLayout(fields);
    auto *note = new QLabel(tr("Without any allow line the server answers no client. Later lines win over "
                               "earlier ones for the addresses they share."),
                            form);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    formBox->addWidget(note);
    QLabel *problems = createProblemsLabel(form);
    problems->setObjectName(QStringLiteral("accessProblems"));
    formBox->addWidget(problems);
    formBox->addStretch(1);
    layout->addWidget(scrollable(form), 1);
    m_sectionProblems.push_back({{"allow", "deny"}, problems});
    return page;
}

QWidget *ConfigurationPage::createServerSection()
{
    auto *content = new QWidget(m_sections);
    auto *box = new QVBoxLayout(content);
    auto *form = new QFormLayout;
    addWordField(form, tr("NTP port"), "port", 1, QStringLiteral("123"), tr("UDP"), kInteger);
    box->addLayout(form);
    box->addWidget(addPresenceBox(content, tr("Serve the local clock when no source is selected (local)"), "local"));
    auto *localForm = new QFormLayout;
    addOptionField(localForm, tr("Local stratum"), "local", "stratum", QStringLiteral("10"), QString(), kInteger);
    box->addLayout(localForm);
    box->addWidget(addOptionFlag(content, tr("Orphan mode (orphan)"), "local", "orphan"));
    box->addWidget(addPresenceBox(content, tr("Limit the rate of answers per client (ratelimit)"), "ratelimit"));
    auto *rateForm = new QFormLayout;
    addOptionField(rateForm, tr("Interval"), "ratelimit", "interval", QStringLiteral("3"), tr("log₂ s"), kInteger);
    addOptionField(rateForm, tr("Burst"), "ratelimit", "burst", QStringLiteral("8"), tr("requests"), kInteger);
    addOptionField(rateForm, tr("Leak"), "ratelimit", "leak", QStringLiteral("2"), tr("log₂ 1/n"), kInteger);
    box->addLayout(rateForm);
    QLabel *problems = createProblemsLabel(content);
    problems->setObjectName(QStringLiteral("serverProblems"));
    box->addWidget(problems);
    box->addStretch(1);
    m_sectionProblems.push_back({{"port", "local", "ratelimit"}, problems});
    return scrollable(content);
}

QWidget *ConfigurationPage::createClockSection()
{
    auto *content = new QWidget(m_sections);
    auto *box = new QVBoxLayout(content);
    auto *form = new QFormLayout;
    addWordField(form, tr("Step when offset over"), "makestep", 1, tr("never"), tr("s"), kReal);
    addWordField(form, tr("…in the first"), "makestep", 2, tr("-1: always"), tr("updates"), kInteger);
    addWordField(form, tr("Drift file"), "driftfile", 1, tr("none"), QString(), kWord);
    addWordField(form, tr("Max slew rate"), "maxslewrate", 1, QStringLiteral("83333.333"), tr("ppm"), kReal);
    addWordField(form, tr("Leap second zone"), "leapsectz", 1, tr("right/UTC"), QString(), kWord);
    box->addLayout(form);
    QLabel *problems = createProblemsLabel(content);
    problems->setObjectName(QStringLiteral("clockProblems"));
    box->addWidget(problems);
    box->addStretch(1);
    m_sectionProblems.push_back({{"makestep", "driftfile", "maxslewrate", "leapsectz"}, problems});
    return scrollable(content);
}

QWidget *ConfigurationPage::createLoggingSection()
{
    auto *content = new QWidget(m_sections);
    auto *box = new QVBoxLayout(content);
    auto *form = new QFormLayout;
    addWordField(form, tr("Log directory"), "logdir", 1, tr("/var/log/stratumone"), QString(), kWord);
    // Ours, not chrony's: a program run with each alarm raised or cleared.
    addWordField(form, tr("Alarm command"), "alarmcommand", 1, tr("none"), QString(), kWord);
    // Ours too: Prometheus's /metrics over HTTP, off without the line.
    addWordField(form, tr("Metrics address"), "metricsaddress", 1, tr("off"), tr("HTTP"), kWord);
    addWordField(form, tr("…port"), "metricsaddress", 2, QStringLiteral("9123"), tr("TCP"), kInteger);
    box->addLayout(form);
    box->addWidget(new QLabel(tr("Write these logs (log):"), content));
    auto *grid = new QGridLayout;
    const char *const words[] = {"measurements", "statistics", "tracking", "refclocks", "tempcomp", "rtc"};
    int index = 0;
    for (const char *word : words) {
        grid->addWidget(addLogFlag(content, word), index / 3, index % 3);
        ++index;
    }
    box->addLayout(grid);
    QLabel *problems = createProblemsLabel(content);
    problems->setObjectName(QStringLiteral("loggingProblems"));
    box->addWidget(problems);
    box->addStretch(1);
    m_sectionProblems.push_back({{"logdir", "log", "alarmcommand", "metricsaddress"}, problems});
    return scrollable(content);
}

QWidget *ConfigurationPage::createTextSection()
{
    auto *page = new QWidget(m_sections);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    // The files the main one includes (include/confdir/sourcedir), shown read-only so that the
    // whole configuration can be seen; the choice appears only when there are any.
    m_fileChoice = new QComboBox(page);
    m_fileChoice->setObjectName(QStringLiteral("configFileChoice"));
    m_fileChoice->setMinimumHeight(kTouchTargetPx);
    m_fileChoice->hide();
    layout->addWidget(m_fileChoice);
    m_textStack = new QStackedWidget(page);
    layout->addWidget(m_textStack, 1);
    m_includedText = new QPlainTextEdit(m_textStack);
    m_includedText->setObjectName(QStringLiteral("includedText"));
    m_includedText->setReadOnly(true);
    m_includedText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_includedText->setFont(readableFixedFont());
    enableKineticScrolling(m_includedText);
    new ConfigHighlighter(m_includedText->document());
    connect(m_fileChoice, &QComboBox::currentIndexChanged, this, &ConfigurationPage::showChosenFile);
    // The editable main file and its problems.
    auto *editor = new QWidget(m_textStack);
    m_textStack->addWidget(editor);
    m_textStack->addWidget(m_includedText);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    m_text = new QPlainTextEdit(editor);
    m_text->setObjectName(QStringLiteral("configText"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(readableFixedFont());
    m_highlighter = new ConfigHighlighter(m_text->document());
    connect(m_text, &QPlainTextEdit::textChanged, this, &ConfigurationPage::textEdited);
    editorLayout->addWidget(m_text, 1);
    m_problemList = new QListWidget(editor);
    m_problemList->setObjectName(QStringLiteral("configProblems"));
    m_problemList->setFixedHeight(kProblemListRows * kTouchTargetPx + 2 * m_problemList->frameWidth());
    m_problemList->setWordWrap(true);
    enableKineticScrolling(m_problemList);
    connect(m_problemList, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (const int line = item->data(Qt::UserRole).toInt(); line > 0)
            showTextLine(line);
    });
    m_problemList->hide();
    editorLayout->addWidget(m_problemList);
    m_sectionProblems.push_back({{}, nullptr}); // all of them: configProblems
    return page;
}

void ConfigurationPage::fillFileChoice()
{
    const QSignalBlocker blocker(m_fileChoice);
    const int previous = m_fileChoice->currentIndex();
    m_fileChoice->clear();
    m_fileChoice->addItem(QString::fromStdString(m_fileName));
    for (const ConfigurationFile &file : m_includes)
        m_fileChoice->addItem(tr("%1 (included, read-only)").arg(QString::fromStdString(file.path)));
    m_fileChoice->setVisible(!m_includes.empty());
    m_fileChoice->setCurrentIndex(previous > 0 && previous < m_fileChoice->count() ? previous : 0);
    showChosenFile(m_fileChoice->currentIndex());
}

void ConfigurationPage::showChosenFile(int index)
{
    if (index <= 0 || static_cast<std::size_t>(index) > m_includes.size()) {
        m_textStack->setCurrentIndex(0);
        return;
    }
    m_includedText->setPlainText(QString::fromStdString(m_includes[static_cast<std::size_t>(index) - 1].text));
    m_textStack->setCurrentIndex(1);
}

// --- loading and applying

void ConfigurationPage::setFeed(SnapshotFeed *feed)
{
    m_feed = feed;
    connect(feed, &SnapshotFeed::configurationTextReady, this, &ConfigurationPage::loadText);
    connect(feed, &SnapshotFeed::configurationTextFailed, this, &ConfigurationPage::showLoadFailure);
    connect(feed, &SnapshotFeed::configurationApplied, this, &ConfigurationPage::showApplyResult);
    setReadOnlyReason(feed->configurationEditUnavailableReason());
}

void ConfigurationPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loaded && !m_requestPending)
        requestText();
}

void ConfigurationPage::requestText()
{
    if (!m_feed || m_requestPending)
        return;
    m_requestPending = true;
    updateButtons();
    m_feed->requestConfigurationText();
}

void ConfigurationPage::loadText(const s1::ConfigurationText &text)
{
    m_requestPending = false;
    const bool keepEdits = isModified();
    m_loadedText = text.main.text;
    m_revision = text.revision;
    m_fileName = text.main.path;
    m_includes = text.includes;
    m_crlf = text.main.text.find("\r\n") != std::string::npos;
    m_loaded = true;
    if (keepEdits) {
        // The file as it is now is what the edits will be reviewed against and replace.
        showBanner(tr("%1 read again; your edits are kept: review them against the file as it is now.")
                       .arg(QString::fromStdString(m_fileName)),
                   Tone::Info);
    } else {
        m_document = ConfigDocument::fromText(text.main.text);
        if (text.builtIn)
            showBanner(tr("%1 does not exist yet: the built-in configuration runs. Applying creates the file.")
                           .arg(QString::fromStdString(m_fileName)),
                       Tone::Info);
        else if (isReadOnly())
            showBanner(tr("Read-only: %1").arg(m_readOnlyReason), Tone::Info);
        else
            showBanner({}, Tone::Info);
    }
    m_textStale = true;
    validate();
    refreshFields();
    fillFileChoice();
    if (m_sections->currentIndex() == TextSection)
        syncTextFromDocument();
    updateButtons();
}

void ConfigurationPage::showLoadFailure(const QString &message)
{
    m_requestPending = false;
    showBanner(m_loaded ? tr("Could not read the configuration again: %1").arg(message)
                        : tr("Could not read the configuration: %1").arg(message),
               Tone::Bad);
    updateButtons();
}

void ConfigurationPage::setReadOnlyReason(const QString &reason)
{
    m_readOnlyReason = reason;
    for (QWidget *editor : m_editors)
        editor->setEnabled(reason.isEmpty());
    m_removeSource->setEnabled(reason.isEmpty());
    m_removeAccess->setEnabled(reason.isEmpty());
    m_text->setReadOnly(!reason.isEmpty());
    if (!reason.isEmpty())
        showBanner(tr("Read-only: %1").arg(reason), Tone::Info);
    else if (bannerText().startsWith(tr("Read-only: %1").arg(QString())))
        showBanner({}, Tone::Info);
    if (reason.isEmpty())
        refreshFields(); // enables what belongs to a directive that is there
    updateButtons();
}

int ConfigurationPage::errorCount() const
{
    return static_cast<int>(std::count_if(m_diagnostics.begin(), m_diagnostics.end(), [](const ConfigDiagnostic &d) {
        return d.severity == ConfigDiagnostic::Severity::Error;
    }));
}

QString ConfigurationPage::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

ConfigReviewDialog *ConfigurationPage::openReview()
{
    if (m_review)
        m_review->close();
    auto *dialog = new ConfigReviewDialog(m_loadedText, text(), errorCount(),
                                          isReadOnly() ? tr("Read-only: %1").arg(m_readOnlyReason) : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // On the touchscreen it covers the window; on a desktop it is as large as the window.
    if (QWidget *top = window())
        dialog->resize(top->size());
    connect(dialog, &QDialog::accepted, this, [this] { applyEdits(); });
    m_review = dialog;
    dialog->open();
    return dialog;
}

bool ConfigurationPage::applyEdits()
{
    QString refusal;
    if (!m_feed || !m_loaded)
        refusal = tr("Not applied: the configuration has not been read yet.");
    else if (isReadOnly())
        refusal = tr("Not applied: %1").arg(m_readOnlyReason);
    else if (m_applyPending)
        refusal = tr("Not applied: the last change is still being applied.");
    else if (errorCount() > 0)
        refusal = tr("Not applied: the text has errors; they are listed in the Text tab.");
    else if (!isModified())
        refusal = tr("Nothing to apply: the text is as loaded.");
    if (!refusal.isEmpty()) {
        showBanner(refusal, Tone::Bad);
        return false;
    }
    m_applyPending = true;
    m_appliedText = text();
    showBanner(tr("Applying…"), Tone::Info);
    updateButtons();
    m_feed->applyConfiguration(m_appliedText, m_revision);
    return true;
}

void ConfigurationPage::showApplyResult(const s1::ConfigurationApplyResult &result)
{
    if (!m_applyPending)
        return;
    m_applyPending = false;
    const QString message = QString::fromStdString(result.message);
    using Outcome = ConfigurationApplyResult::Outcome;
    switch (result.outcome) {
    case Outcome::Applied:
        m_loadedText = m_appliedText;
        m_revision = result.revision;
        showBanner(message.isEmpty() ? tr("Applied: the configuration was written and reloaded.")
                                     : tr("Applied: %1").arg(message),
                   Tone::Good);
        break;
    case Outcome::Invalid: {
        QStringList lines{tr("Not applied, nothing was written: the configuration has errors.")};
        int shown = 0;
        int firstLine = 0;
        for (const ConfigurationProblem &problem : result.problems) {
            if (problem.severity != ConfigurationProblem::Severity::Error)
                continue;
            if (firstLine == 0 && problem.line > 0 && (problem.file.empty() || problem.file == m_fileName))
                firstLine = problem.line;
            if (shown++ < kBannerProblems)
                lines << tr("%1:%2:%3: %4")
                             .arg(QString::fromStdString(problem.file))
                             .arg(problem.line)
                             .arg(problem.column)
                             .arg(QString::fromStdString(problem.message));
        }
        if (lines.size() == 1 && !message.isEmpty())
            lines << message;
        showBanner(lines.join(QLatin1Char('\n')), Tone::Bad);
        if (firstLine > 0)
            showTextLine(firstLine);
        break;
    }
    case Outcome::Conflict:
        showBanner(tr("Not applied: the file changed on disk since it was loaded. Reload it: your edits are kept "
                      "and the review shows them against the file as it is now."),
                   Tone::Bad);
        break;
    case Outcome::WriteFailed:
        showBanner(tr("Not applied: the file could not be written (%1). The old file stays; your edits are kept.")
                       .arg(message),
                   Tone::Bad);
        break;
    case Outcome::ReloadFailed:
        // Written: the file on disk is now the edited text.
        m_loadedText = m_appliedText;
        m_revision = result.revision;
        showBanner(
            tr("Written, but the new configuration did not start (%1); the previous one still runs.").arg(message),
            Tone::Bad);
        break;
    }
    updateButtons();
    emit applyFinished(result.outcome == Outcome::Applied);
}

void ConfigurationPage::discardEdits()
{
    if (!m_loaded || m_applyPending || !isModified())
        return;
    m_document = ConfigDocument::fromText(m_loadedText);
    m_textStale = true;
    validate();
    refreshFields();
    if (m_sections->currentIndex() == TextSection)
        syncTextFromDocument();
    showBanner(tr("Edits discarded: the page shows the file as loaded."), Tone::Info);
    updateButtons();
}

void ConfigurationPage::showBanner(const QString &text, Tone tone)
{
    m_banner->setText(text);
    setTextColor(m_banner, tone == Tone::Good  ? StatusColors::kGood
                           : tone == Tone::Bad ? StatusColors::kBad
                                               : palette().color(QPalette::WindowText));
    m_banner->setVisible(!text.isEmpty());
}

// --- editing

void ConfigurationPage::documentEdited()
{
    m_textStale = true;
    validate();
    updateButtons();
}

void ConfigurationPage::validate()
{
    ConfigReadOptions options;
    // The page checks the text; the includes are the service's to follow when it applies it.
    options.followIncludes = false;
    const ConfigReadResult result =
        readConfigDocument(m_document, m_fileName.empty() ? std::string("stratumone.conf") : m_fileName, options);
    m_diagnostics = result.diagnostics;
    showProblems();
}

void ConfigurationPage::showProblems()
{
    auto directiveOf = [this](int line) -> std::string {
        if (line <= 0 || static_cast<std::size_t>(line) > m_document.lineCount())
            return {};
        return lowercase(m_document.line(static_cast<std::size_t>(line - 1)).directiveName());
    };
    for (const SectionProblems &section : m_sectionProblems) {
        if (!section.label)
            continue;
        QStringList lines;
        for (const ConfigDiagnostic &diagnostic : m_diagnostics) {
            const std::string directive = directiveOf(diagnostic.line);
            if (std::find(section.directives.begin(), section.directives.end(), directive) != section.directives.end())
                lines << describe(diagnostic);
        }
        section.label->setText(lines.join(QLatin1Char('\n')));
        section.label->setVisible(!lines.isEmpty());
    }

    // The selected source: its message below its form, a red frame on the field it is about.
    // The list is filled again when the document changes under it (the text tab).
    const int selected = selectedSourceLine() < static_cast<int>(m_document.lineCount()) ? selectedSourceLine() : -1;
    QStringList sourceLines;
    std::vector<int> badColumns;
    for (const ConfigDiagnostic &diagnostic : m_diagnostics) {
        if (selected < 0 || diagnostic.line != selected + 1)
            continue;
        sourceLines << describe(diagnostic);
        if (diagnostic.severity == ConfigDiagnostic::Severity::Error)
            badColumns.push_back(diagnostic.column);
    }
    m_sourceProblems->setText(sourceLines.join(QLatin1Char('\n')));
    m_sourceProblems->setVisible(!sourceLines.isEmpty());
    auto wordIsBad = [&](std::size_t index) {
        if (selected < 0)
            return false;
        const ConfigLine &line = m_document.line(static_cast<std::size_t>(selected));
        if (index >= line.wordCount())
            return std::find(badColumns.begin(), badColumns.end(), 0) != badColumns.end() && index == kAddressWord;
        return std::find(badColumns.begin(), badColumns.end(), line.word(index).column) != badColumns.end();
    };
    markField(m_sourceAddress, wordIsBad(kAddressWord));
    markField(m_sourceDevice, wordIsBad(kDeviceWord));
    for (SourceOptionField &field : m_sourceOptions) {
        if (!field.edit)
            continue;
        bool bad = false;
        if (selected >= 0) {
            const ConfigLine &line = m_document.line(static_cast<std::size_t>(selected));
            for (std::size_t i = kAddressWord + 1; i < line.wordCount(); ++i)
                if (equalsIgnoreCase(line.word(i).text, field.option) && (wordIsBad(i) || wordIsBad(i + 1)))
                    bad = true;
        }
        markField(field.edit, bad);
    }
    // Sources with a problem stand out in the list.
    for (int row = 0; row < m_sourceList->count(); ++row) {
        QListWidgetItem *item = m_sourceList->item(row);
        const int line = item->data(Qt::UserRole).toInt();
        const bool bad = std::any_of(m_diagnostics.begin(), m_diagnostics.end(), [&](const ConfigDiagnostic &d) {
            return d.line == line + 1 && d.severity == ConfigDiagnostic::Severity::Error;
        });
        item->setForeground(bad ? QBrush(StatusColors::kBad) : QBrush());
    }

    // The text tab: every problem, and a wavy line under the word.
    QHash<int, int> errors;
    m_problemList->clear();
    for (const ConfigDiagnostic &diagnostic : m_diagnostics) {
        auto *item = new QListWidgetItem(describe(diagnostic), m_problemList);
        item->setData(Qt::UserRole, diagnostic.line);
        if (diagnostic.severity == ConfigDiagnostic::Severity::Error) {
            item->setForeground(StatusColors::kBad);
            if (diagnostic.line > 0 && !errors.contains(diagnostic.line))
                errors.insert(diagnostic.line, diagnostic.column);
        }
    }
    m_problemList->setVisible(m_problemList->count() > 0);
    QList<QTextEdit::ExtraSelection> marks;
    for (auto it = errors.constBegin(); it != errors.constEnd(); ++it) {
        const QTextBlock block = m_text->document()->findBlockByNumber(it.key() - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.format.setBackground(kErrorLineBackground);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << mark;
    }
    m_text->setExtraSelections(marks);
    m_settingText = true;
    m_highlighter->setErrors(errors);
    m_settingText = false;
}

void ConfigurationPage::refreshFields()
{
    for (const auto &refresh : m_refreshers)
        refresh();
    if (!isReadOnly()) {
        // Refreshers enable the fields of directives that are there; read-only trumps that.
    } else {
        for (QWidget *editor : m_editors)
            editor->setEnabled(false);
    }
    fillSourceList();
    fillAccessList();
    m_fieldsStale = false;
}

void ConfigurationPage::updateButtons()
{
    m_reviewButton->setEnabled(m_loaded && !m_applyPending);
    m_reloadButton->setEnabled(m_feed && !m_requestPending && !m_applyPending);
    // A constant text: with counts it would push the section tabs behind scroll arrows at 800 px;
    // the errors are listed in their sections and the review counts the changes.
    m_reviewButton->setText(isModified() ? tr("Review changes…") : tr("No changes"));
}

void ConfigurationPage::sectionChanged(int index)
{
    if (index == TextSection) {
        if (m_textStale)
            syncTextFromDocument();
    } else if (m_fieldsStale) {
        refreshFields();
    }
}

void ConfigurationPage::syncTextFromDocument()
{
    QString shown = QString::fromStdString(text());
    if (m_crlf)
        shown.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    m_settingText = true;
    m_text->setPlainText(shown);
    m_editorText = shown;
    m_settingText = false;
    m_textStale = false;
}

void ConfigurationPage::textEdited()
{
    // Also sent for the highlighter's colours and for a text the editor does not show yet.
    if (m_settingText || m_textStale)
        return;
    const QString plain = m_text->toPlainText();
    if (plain == m_editorText)
        return;
    m_editorText = plain;
    std::string edited = plain.toStdString();
    if (m_crlf) {
        std::string withCr;
        for (const char c : edited) {
            if (c == '\n')
                withCr += '\r';
            withCr += c;
        }
        edited = std::move(withCr);
    }
    m_document = ConfigDocument::fromText(edited);
    m_fieldsStale = true;
    validate();
    updateButtons();
}

void ConfigurationPage::showTextLine(int line)
{
    m_sections->setCurrentIndex(TextSection);
    m_fileChoice->setCurrentIndex(0); // the lines are the main file's
    if (m_textStale)
        syncTextFromDocument();
    const QTextBlock block = m_text->document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    m_text->setTextCursor(cursor);
    m_text->ensureCursorVisible();
    m_text->setFocus();
}

// --- sources

int ConfigurationPage::selectedSourceLine() const
{
    const QListWidgetItem *item = m_sourceList->currentItem();
    return item ? item->data(Qt::UserRole).toInt() : -1;
}

void ConfigurationPage::fillSourceList()
{
    const int selected = selectedSourceLine();
    const QSignalBlocker blocker(m_sourceList);
    m_sourceList->clear();
    int row = -1;
    for (std::size_t i = 0; i < m_document.lineCount(); ++i) {
        if (!isSourceDirective(m_document.line(i).directiveName()))
            continue;
        auto *item = new QListWidgetItem(lineText(m_document, i), m_sourceList);
        item->setData(Qt::UserRole, static_cast<int>(i));
        if (static_cast<int>(i) == selected)
            row = m_sourceList->count() - 1;
    }
    if (row < 0 && m_sourceList->count() > 0)
        row = 0;
    m_sourceList->setCurrentRow(row);
    showSelectedSource();
}

void ConfigurationPage::showSelectedSource()
{
    const int line = selectedSourceLine();
    const bool any = line >= 0;
    m_sourceForm->setVisible(any);
    m_removeSource->setEnabled(any && !isReadOnly());
    if (!any)
        return;
    const auto index = static_cast<std::size_t>(line);
    const ConfigLine &configLine = m_document.line(index);
    const bool refclock = equalsIgnoreCase(configLine.directiveName(), "refclock");
    const QString kind = QString::fromStdString(lowercase(configLine.directiveName()));
    m_sourceKindChoice->setVisible(!refclock);
    m_sourceKindChoice->setCurrentIndex(m_sourceKindChoice->findData(kind));
    m_sourceKind->setText(refclock ? tr("%1, line %2").arg(kind).arg(line + 1) : tr("line %1").arg(line + 1));
    m_sourceFormLayout->labelForField(m_sourceAddress->parentWidget())
        ->setProperty("text", refclock ? tr("Driver") : tr("Address"));
    m_sourceAddress->setPlaceholderText(refclock ? tr("PPS, SHM, SOCK, PHC, NMEA") : tr("host name or address"));
    m_sourceAddress->setText(QString::fromStdString(wordText(m_document, index, kAddressWord)));
    m_sourceDevice->setText(QString::fromStdString(wordText(m_document, index, kDeviceWord)));
    m_sourceFormLayout->setRowVisible(m_sourceDevice->parentWidget(), refclock);
    for (SourceOptionField &field : m_sourceOptions) {
        const bool shown = refclock ? field.refclock : field.ntp;
        if (field.edit) {
            m_sourceFormLayout->setRowVisible(field.row, shown);
            const auto value = m_document.optionValue(index, field.option);
            field.edit->setText(value ? QString::fromUtf8(value->data(), static_cast<qsizetype>(value->size()))
                                      : QString());
        } else {
            field.flag->setVisible(shown);
            field.flag->setChecked(m_document.hasOption(index, field.option));
        }
    }
    showProblems();
}

void ConfigurationPage::editSourceWord(std::size_t index, const QString &value)
{
    const int line = selectedSourceLine();
    if (line < 0)
        return;
    if (!setWord(m_document, static_cast<std::size_t>(line), index, value.trimmed().toStdString()))
        return;
    m_sourceList->currentItem()->setText(lineText(m_document, static_cast<std::size_t>(line)));
    documentEdited();
}

void ConfigurationPage::editSourceOption(const char *option, const QString &value, bool flag)
{
    const int line = selectedSourceLine();
    if (line < 0)
        return;
    const auto index = static_cast<std::size_t>(line);
    const std::string text = value.trimmed().toStdString();
    if (text.empty())
        m_document.removeOption(index, option);
    else if (!m_document.setOption(index, option, flag ? std::string_view{} : std::string_view{text}))
        return;
    m_sourceList->currentItem()->setText(lineText(m_document, index));
    documentEdited();
}

void ConfigurationPage::addSource(const char *directive)
{
    // Bare: the reader says at once what is missing, and the form asks for it.
    const auto line = m_document.addDirective(directive);
    if (!line)
        return;
    documentEdited();
    fillSourceList();
    for (int row = 0; row < m_sourceList->count(); ++row)
        if (m_sourceList->item(row)->data(Qt::UserRole).toInt() == static_cast<int>(*line))
            m_sourceList->setCurrentRow(row);
    m_sourceAddress->setFocus();
}

void ConfigurationPage::removeSource()
{
    const int line = selectedSourceLine();
    if (line < 0 || isReadOnly())
        return;
    m_document.removeLine(static_cast<std::size_t>(line));
    documentEdited();
    fillSourceList();
}

// --- access

void ConfigurationPage::fillAccessList()
{
    const int previous = m_accessList->currentRow();
    const QSignalBlocker blocker(m_accessList);
    m_accessList->clear();
    for (std::size_t i = 0; i < m_document.lineCount(); ++i) {
        if (!isAccessDirective(m_document.line(i).directiveName()))
            continue;
        auto *item = new QListWidgetItem(lineText(m_document, i), m_accessList);
        item->setData(Qt::UserRole, static_cast<int>(i));
    }
    m_accessList->setCurrentRow(std::min(std::max(previous, 0), m_accessList->count() - 1));
    showSelectedAccess();
}

void ConfigurationPage::showSelectedAccess()
{
    const QListWidgetItem *item = m_accessList->currentItem();
    const bool any = item != nullptr;
    m_accessKind->setEnabled(any && !isReadOnly());
    m_accessSubnet->setEnabled(any && !isReadOnly());
    m_removeAccess->setEnabled(any && !isReadOnly());
    if (!any) {
        m_accessSubnet->clear();
        return;
    }
    const auto line = static_cast<std::size_t>(item->data(Qt::UserRole).toInt());
    const std::string directive = lowercase(m_document.line(line).directiveName());
    const bool all = equalsIgnoreCase(wordText(m_document, line, 1), "all");
    m_accessKind->setCurrentIndex(m_accessKind->findData(QString::fromStdString(directive + (all ? " all" : ""))));
    m_accessSubnet->setText(QString::fromStdString(wordText(m_document, line, all ? 2 : 1)));
}

void ConfigurationPage::editAccess()
{
    QListWidgetItem *item = m_accessList->currentItem();
    if (!item)
        return;
    const auto line = static_cast<std::size_t>(item->data(Qt::UserRole).toInt());
    const QString subnet = m_accessSubnet->text().trimmed();
    if (!subnet.isEmpty() && !isOneWord(subnet.toStdString()))
        return;
    // The words the line should have ("deny", "all", "10.0.0.0/8"), set one by one: a word that
    // stays (ignoring case, as chronyd reads it) keeps its bytes and the spacing around it.
    std::vector<std::string> wanted;
    for (const QString &word : m_accessKind->currentData().toString().split(QLatin1Char(' ')))
        wanted.push_back(word.toStdString());
    if (!subnet.isEmpty())
        wanted.push_back(subnet.toStdString());
    std::size_t present = 0;
    while (present < kMaxAccessWords && !wordText(m_document, line, present).empty())
        ++present;
    bool changed = false;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (equalsIgnoreCase(wordText(m_document, line, i), wanted[i]))
            continue;
        if (!setWord(m_document, line, i, wanted[i]))
            return;
        changed = true;
    }
    for (std::size_t i = present; i-- > wanted.size();) {
        setWord(m_document, line, i, {});
        changed = true;
    }
    if (!changed)
        return;
    item->setText(lineText(m_document, line));
    documentEdited();
}

void ConfigurationPage::addAccess()
{
    const auto line = m_document.addDirective("allow");
    if (!line)
        return;
    documentEdited();
    fillAccessList();
    m_accessList->setCurrentRow(m_accessList->count() - 1);
    m_accessSubnet->setFocus();
}

void ConfigurationPage::removeAccess()
{
    QListWidgetItem *item = m_accessList->currentItem();
    if (!item || isReadOnly())
        return;
    m_document.removeLine(static_cast<std::size_t>(item->data(Qt::UserRole).toInt()));
    documentEdited();
    fillAccessList();
}

} // namespace s1
