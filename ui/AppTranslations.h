// The languages the application speaks: its own strings (compiled in under :/i18n) and Qt's
// (the dialogs' Cancel, the wizard's < Back and Next >), both for one locale, so that a German
// desktop never gets a window half in English.
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace s1 {

struct InstalledTranslations
{
    bool application = false; // stratumone_<lang>.qm found and installed
    bool qt = false;          // qtbase_<lang>.qm found and installed
    QString qtDirectory;      // where Qt's were looked for
};

// Installs the translators for `locale` on `app` (they live as its children). English needs
// none; a language without files leaves the strings as they are.
InstalledTranslations installTranslations(QCoreApplication *app, const QLocale &locale);

} // namespace s1
