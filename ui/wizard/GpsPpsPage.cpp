#include "wizard/GpsPpsPage.h"

#include "TouchStyle.h"
#include "wizard/GpsRefClockPlan.h"
#include "wizard/GpsWizardState.h"

#include <QBoxLayout>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>

namespace s1 {

GpsPpsPage::GpsPpsPage(GpsWizardState *state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_list(new QListWidget(this))
    , m_path(new QLineEdit(this))
    , m_hint(new QLabel(this))
{
    setTitle(tr("Pulse per second (optional)"));
    auto *intro = new QLabel(tr("If the receiver's PPS output is wired to this computer (a GPIO with the pps-gpio "
                                "overlay, or the serial port's DCD line), choose its device. PPS marks each second "
                                "to within microseconds; the serial messages alone are good to a few milliseconds."),
                             this);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("ppsList"));
    enableKineticScrolling(m_list);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &GpsPpsPage::onItemSelected);
    m_path->setObjectName(QStringLiteral("ppsPath"));
    m_path->setPlaceholderText(tr("other device, e.g. /dev/pps1"));
    connect(m_path, &QLineEdit::textEdited, this, &GpsPpsPage::onPathEdited);
    m_hint->setObjectName(QStringLiteral("ppsHint"));
    m_hint->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_path);
    layout->addWidget(m_hint);
    setStyleSheet(touchStyleSheet());
}

QStringList GpsPpsPage::findPpsDevices(const QString &deviceDirectory)
{
    const QDir dir(deviceDirectory);
    QStringList out;
    for (const QString &name : dir.entryList({QStringLiteral("pps*")}, QDir::System | QDir::Files, QDir::Name))
        out << dir.filePath(name);
    return out;
}

void GpsPpsPage::initializePage()
{
    m_list->clear();
    auto *none = new QListWidgetItem(tr("No PPS (serial time only)"), m_list);
    none->setData(Qt::UserRole, QString());
    const QStringList devices = findPpsDevices(m_state->deviceDirectory);
    for (const QString &device : devices) {
        auto *item = new QListWidgetItem(device, m_list);
        item->setData(Qt::UserRole, device);
    }
    m_hint->setText(devices.isEmpty() ? tr("No PPS device on this computer (%1/pps*).").arg(m_state->deviceDirectory)
                                      : QString());
    // First visit: the only device, or none. Coming back: the earlier choice.
    if (!m_visited) {
        m_visited = true;
        m_list->setCurrentRow(devices.size() == 1 ? 1 : 0);
        return;
    }
    const QString previous = m_state->ppsDevice;
    const auto match = m_list->findItems(previous.isEmpty() ? none->text() : previous, Qt::MatchExactly);
    if (!match.isEmpty())
        m_list->setCurrentItem(match.front());
    else
        m_path->setText(previous);
}

void GpsPpsPage::onItemSelected()
{
    if (!m_list->selectedItems().isEmpty())
        m_path->clear();
}

void GpsPpsPage::onPathEdited(const QString &text)
{
    // A typed path replaces the list's choice.
    if (!text.trimmed().isEmpty())
        m_list->clearSelection();
}

QString GpsPpsPage::ppsDevice() const
{
    QString typed = m_path->text().trimmed(); // not const: returned by move
    if (!typed.isEmpty())
        return typed;
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    return selected.isEmpty() ? QString() : selected.front()->data(Qt::UserRole).toString();
}

bool GpsPpsPage::validatePage()
{
    const QString device = ppsDevice();
    if (!fitsOnRefClockLine(device)) {
        m_hint->setText(tr("A device path cannot contain spaces."));
        return false;
    }
    m_state->ppsDevice = device;
    return true;
}

} // namespace s1
