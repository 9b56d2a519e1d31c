#include "wizard/GpsPortPage.h"

#include "TouchStyle.h"
#include "wizard/GpsRefClockPlan.h"
#include "wizard/GpsWizardState.h"

#include <QBoxLayout>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSerialPortInfo>

namespace s1 {

namespace {

// Stable names the serial-port enumeration does not list because they are links: the Raspberry
// Pi's primary/secondary UART and the name udev rules often give a GPS.
constexpr const char *kPortAliases[] = {"serial0", "serial1", "gps0"};

QString itemText(const QString &path, const QString &description)
{
    return description.isEmpty() ? path : QStringLiteral("%1 \u2014 %2").arg(path, description);
}

} // namespace

GpsPortPage::GpsPortPage(GpsWizardState *state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_list(new QListWidget(this))
    , m_path(new QLineEdit(this))
    , m_hint(new QLabel(this))
{
    setTitle(tr("Where is the GPS receiver connected?"));
    auto *intro = new QLabel(tr("Pick its serial port, or type the path of any other device."), this);
    intro->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("portList"));
    enableKineticScrolling(m_list);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &GpsPortPage::onItemSelected);

    m_path->setObjectName(QStringLiteral("portPath"));
    m_path->setPlaceholderText(tr("/dev/ttyAMA0"));
    connect(m_path, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setObjectName(QStringLiteral("refreshPorts"));
    connect(refresh, &QPushButton::clicked, this, &GpsPortPage::refresh);

    m_hint->setObjectName(QStringLiteral("portHint"));
    m_hint->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Port:"), this));
    row->addWidget(m_path, 1);
    row->addWidget(refresh);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    layout->addWidget(m_hint);
    setStyleSheet(touchStyleSheet());
}

void GpsPortPage::initializePage()
{
    refresh();
    if (!m_state->port.isEmpty())
        m_path->setText(m_state->port);
}

void GpsPortPage::refresh()
{
    const QString typed = m_path->text();
    m_list->clear();
    const QDir dev(m_state->deviceDirectory);
    for (const char *alias : kPortAliases) {
        const QFileInfo link(dev.filePath(QLatin1String(alias)));
        if (link.exists()) {
            auto *item = new QListWidgetItem(
                itemText(link.filePath(), tr("link to %1").arg(QFileInfo(link.symLinkTarget()).fileName())), m_list);
            item->setData(Qt::UserRole, link.filePath());
        }
    }
    for (const QSerialPortInfo &info : QSerialPortInfo::availablePorts()) {
        QStringList parts;
        if (!info.description().isEmpty())
            parts << info.description();
        if (!info.manufacturer().isEmpty() && info.manufacturer() != info.description())
            parts << info.manufacturer();
        auto *item = new QListWidgetItem(itemText(info.systemLocation(), parts.join(QStringLiteral(", "))), m_list);
        item->setData(Qt::UserRole, info.systemLocation());
    }
    m_hint->setText(m_list->count() == 0 ? tr("No serial port found. Plug the receiver in and press Refresh, "
                                              "or type the port's path.")
                                         : QString());
    // Refreshing must not lose what the user typed.
    m_path->setText(typed);
}

void GpsPortPage::onItemSelected()
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    if (!selected.isEmpty())
        m_path->setText(selected.front()->data(Qt::UserRole).toString());
}

QString GpsPortPage::portPath() const
{
    return m_path->text().trimmed();
}

bool GpsPortPage::isComplete() const
{
    return !portPath().isEmpty();
}

bool GpsPortPage::validatePage()
{
    const QString path = portPath();
    if (!fitsOnRefClockLine(path)) {
        m_hint->setText(tr("A port path cannot contain spaces."));
        return false;
    }
    m_state->port = path;
    return true;
}

} // namespace s1
