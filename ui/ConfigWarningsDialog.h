// What the configuration's warnings are ("file:line:col: warning: ... has no effect yet"), in
// full and readable on the touchscreen: the window's indicator only counts them, and a
// touchscreen cannot hover for a tooltip. Kept up to date while open; closes with a big button.
#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QVBoxLayout;

namespace s1 {

class ConfigWarningsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConfigWarningsDialog(QWidget *parent = nullptr);

    void setWarnings(const QStringList &warnings);
    const QStringList &warnings() const { return m_warnings; }

private:
    QStringList m_warnings;
    QLabel *m_summary;
    QWidget *m_list;
    QVBoxLayout *m_listLayout;
};

} // namespace s1
