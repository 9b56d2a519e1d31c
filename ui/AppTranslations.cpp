#include "AppTranslations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace s1 {

namespace {

bool install(QCoreApplication *app, const QLocale &locale, const QString &name, const QString &directory)
{
    auto *translator = new QTranslator(app);
    if (!translator->load(locale, name, QStringLiteral("_"), directory)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

InstalledTranslations installTranslations(QCoreApplication *app, const QLocale &locale)
{
    InstalledTranslations installed;
    // Debian ships Qt's in qt6-translations-l10n; qtbase covers every string of Qt Widgets.
    installed.qtDirectory = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    installed.qt = install(app, locale, QStringLiteral("qtbase"), installed.qtDirectory);
    installed.application = install(app, locale, QStringLiteral("stratumone"), QStringLiteral(":/i18n"));
    return installed;
}

} // namespace s1
