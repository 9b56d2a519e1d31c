// The Configuration page: the file the engine behind the feed reads, edited in sections (sources,
// access, server, clock, logging) and as text, reviewed as a line diff and applied through the
// feed. Every edit goes through a ConfigDocument, so comments and untouched lines keep their
// bytes; every edit is read at once by the real configuration reader, and its messages are shown
// where the edit was made. Nothing typed is lost on any failure: the page keeps its document
// until an apply succeeds or the user reloads an unmodified page.
#pragma once

#include "config/ConfigDiagnostic.h"
#include "config/ConfigDocument.h"
#include "config/ConfigurationEdit.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace s1 {

class ConfigHighlighter;
class ConfigReviewDialog;
class SnapshotFeed;

class ConfigurationPage : public QWidget
{
    Q_OBJECT
public:
    enum Section { SourcesSection, AccessSection, ServerSection, ClockSection, LoggingSection, TextSection };

    explicit ConfigurationPage(QWidget *parent = nullptr);

    // Where the text comes from and edits go; the page asks for the text when first shown.
    void setFeed(SnapshotFeed *feed);
    void requestText();

    // The text as edited (the document's bytes), and as loaded.
    std::string text() const { return m_document.toText(); }
    const std::string &loadedText() const { return m_loadedText; }
    const std::string &revision() const { return m_revision; }
    const ConfigDocument &document() const { return m_document; }
    bool isModified() const { return m_loaded && text() != m_loadedText; }
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    // Errors the reader finds in the edited text (warnings do not count).
    int errorCount() const;
    const std::vector<ConfigDiagnostic> &diagnostics() const { return m_diagnostics; }
    // The message line above the sections (the last outcome, why the page is read-only).
    QString bannerText() const;
    QTabWidget *sections() const { return m_sections; }

    // "Review changes": the diff, with Apply when the text is valid and changed.
    ConfigReviewDialog *openReview();
    // Sends the edited text to the feed; refused (with the reason shown) while there are errors,
    // nothing changed, the page is read-only or an apply is out.
    bool applyEdits();
    // The text tab with the cursor at the 1-based `line`.
    void showTextLine(int line);
    // Back to the file as loaded (after asking, ConfigurationDialog): every edit not applied goes.
    void discardEdits();
    // The files the main one includes, as last read (shown read-only in the text tab).
    const std::vector<ConfigurationFile> &includes() const { return m_includes; }

signals:
    // An apply's answer came: true when the file was written and reloaded.
    void applyFinished(bool applied);

public slots:
    void loadText(const s1::ConfigurationText &text);
    void showLoadFailure(const QString &message);
    void showApplyResult(const s1::ConfigurationApplyResult &result);
    // Read-only with `reason` shown; empty: editable.
    void setReadOnlyReason(const QString &reason);

protected:
    void showEvent(QShowEvent *event) override;

private:
    enum class Tone { Info, Good, Bad };

    QWidget *createSourcesSection();
    QWidget *createAccessSection();
    QWidget *createServerSection();
    QWidget *createClockSection();
    QWidget *createLoggingSection();
    QWidget *createTextSection();
    QWidget *scrollable(QWidget *content);
    QLabel *createProblemsLabel(QWidget *parent);

    // A line edit for a number or a word, with its unit beside it and chrony's default as the
    // placeholder; `pattern` restricts the characters (the reader judges the value).
    QWidget *valueField(QLineEdit *&edit, const QString &name, const QString &placeholder, const QString &unit,
                        const QString &pattern);
    // A field for word `index` (1-based) of the last `directive` line; all of the directive's
    // word fields together make the line.
    void addWordField(QFormLayout *form, const QString &label, const char *directive, std::size_t index,
                      const QString &placeholder, const QString &unit, const QString &pattern);
    // A named option of the last `directive` line, and a flag.
    void addOptionField(QFormLayout *form, const QString &label, const char *directive, const char *option,
                        const QString &placeholder, const QString &unit, const QString &pattern);
    QCheckBox *addOptionFlag(QWidget *parent, const QString &label, const char *directive, const char *option);
    // A check box that adds `directive` (a bare line) or removes every one.
    QCheckBox *addPresenceBox(QWidget *parent, const QString &label, const char *directive);
    QCheckBox *addLogFlag(QWidget *parent, const char *word);

    // Sources.
    void fillSourceList();
    void showSelectedSource();
    int selectedSourceLine() const;
    void editSourceWord(std::size_t index, const QString &value);
    void editSourceOption(const char *option, const QString &value, bool flag);
    void addSource(const char *directive);
    void removeSource();
    // Access.
    void fillAccessList();
    void showSelectedAccess();
    void editAccess();
    void addAccess();
    void removeAccess();

    // After any edit: read the document again, show its problems, enable what can be done.
    void documentEdited();
    void validate();
    void showProblems();
    void refreshFields();
    void syncTextFromDocument();
    void fillFileChoice();
    // 0: the main file (editable); 1..: that included file, read-only.
    void showChosenFile(int index);
    void textEdited();
    void sectionChanged(int index);
    void updateButtons();
    void showBanner(const QString &text, Tone tone);

    QPointer<SnapshotFeed> m_feed;
    ConfigDocument m_document;
    std::vector<ConfigDiagnostic> m_diagnostics;
    std::string m_loadedText;
    std::string m_revision;
    std::string m_fileName;
    std::string m_appliedText;
    std::vector<ConfigurationFile> m_includes;
    QString m_editorText; // what the text tab showed last
    QString m_readOnlyReason;
    bool m_crlf = false;
    bool m_loaded = false;
    bool m_requestPending = false;
    bool m_applyPending = false;
    bool m_textStale = true;
    bool m_fieldsStale = false;
    bool m_settingText = false;

    QLabel *m_banner;
    QTabWidget *m_sections;
    QPushButton *m_reloadButton;
    QPushButton *m_reviewButton;
    // Per section: the directives it edits, and where their problems are listed.
    struct SectionProblems
    {
        std::vector<std::string> directives;
        QLabel *label = nullptr;
    };
    std::vector<SectionProblems> m_sectionProblems;
    std::vector<std::function<void()>> m_refreshers;
    std::vector<QWidget *> m_editors; // disabled when read-only

    QListWidget *m_sourceList = nullptr;
    QWidget *m_sourceForm = nullptr;
    QFormLayout *m_sourceFormLayout = nullptr;
    QComboBox *m_sourceKindChoice = nullptr; // server, pool, peer
    QLabel *m_sourceKind = nullptr;
    QLineEdit *m_sourceAddress = nullptr;
    QLineEdit *m_sourceDevice = nullptr;
    QLabel *m_sourceProblems = nullptr;
    QPushButton *m_removeSource = nullptr;
    struct SourceOptionField
    {
        const char *option;
        bool ntp;
        bool refclock;
        QLineEdit *edit = nullptr;
        QCheckBox *flag = nullptr;
        QWidget *row = nullptr;
    };
    std::vector<SourceOptionField> m_sourceOptions;

    QListWidget *m_accessList = nullptr;
    QComboBox *m_accessKind = nullptr;
    QLineEdit *m_accessSubnet = nullptr;
    QPushButton *m_removeAccess = nullptr;

    QComboBox *m_fileChoice = nullptr;
    QStackedWidget *m_textStack = nullptr;
    QPlainTextEdit *m_includedText = nullptr;
    QPlainTextEdit *m_text = nullptr;
    ConfigHighlighter *m_highlighter = nullptr;
    QListWidget *m_problemList = nullptr;
    QPointer<ConfigReviewDialog> m_review;
};

} // namespace s1
