// Wizard page 5: shows the exact refclock lines and which existing lines they replace, lets the
// user pick the configuration file, and writes it (GpsRefClockPlan into a ConfigDocument, saved
// atomically). Reports success or the exact error; using the new lines needs a service reload,
// which is left to the caller (written()).
#pragma once

#include "wizard/GpsRefClockPlan.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;

namespace s1 {

struct GpsWizardState;

class GpsReviewPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit GpsReviewPage(GpsWizardState *state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    GpsRefClockPlan plan() const;
    // Writes the lines into the chosen file; false with the reason shown on the page.
    bool write();

signals:
    void written(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // As tall as the wrapped lines, up to a few lines (then it scrolls).
    void fitPreviewHeight();
    void updatePreview();
    void browse();
    void showResult(const QString &text, bool ok);
    // The file as it is now: GpsRefClockPlan::kNewConfiguration when it does not exist yet.
    bool loadTarget(ConfigDocument &document, QString &error) const;

    GpsWizardState *m_state;
    QLabel *m_lines;
    QScrollArea *m_linesScroll;
    QLabel *m_replaces;
    QLineEdit *m_path;
    QPushButton *m_write;
    QLabel *m_result;
    bool m_written = false;
};

} // namespace s1
