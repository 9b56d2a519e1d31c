#include "StratumctlCalibrate.h"
#include "StratumctlCall.h"
#include "StratumctlConfig.h"

#include "config/CalibrationEdit.h"
#include "sources/SelectionExplanation.h"
#include "text/NumberText.h"
#include "transport/ControlClient.h"
#include "json/ControlProtocol.h"
#include "json/SnapshotJson.h"

#include <algorithm>
#include <cstdio>

namespace s1 {

namespace {

std::optional<EngineSnapshot> fetchSnapshot(const StratumctlOptions &options, int &exitCode)
{
    ControlClient client;
    std::string error;
    const bool connected = connectToService(client, options, error);
    if (!connected) {
        exitCode = printFailure(QString::fromStdString(error));
        return std::nullopt;
    }
    auto snapshot = callAndDecode(client, control::Command::Snapshot, {}, ControlClient::kReplyTimeout,
                                  [](const QJsonObject &json, QString *why) { return snapshotFromJson(json, why); });
    if (!snapshot)
        exitCode = 1;
    return snapshot;
}

std::string optionText(double seconds)
{
    return fixedText(seconds, kCalibrationDecimals);
}

} // namespace

int runCalibrateCommand(const StratumctlOptions &options, const QStringList &args)
{
    std::optional<std::string> refId;
    bool dryRun = false;
    for (const QString &arg : args) {
        if (arg == QLatin1String("--dry-run"))
            dryRun = true;
        else if (!refId && !arg.startsWith(QLatin1Char('-')))
            refId = arg.toStdString();
        else
            return printFailure(QStringLiteral("usage: calibrate REFID [--dry-run]"), 2);
    }
    if (!refId)
        return printFailure(QStringLiteral("usage: calibrate REFID [--dry-run]"), 2);
    int exitCode = 0;
    const auto snapshot = fetchSnapshot(options, exitCode);
    if (!snapshot)
        return exitCode;
    const auto source = std::find_if(snapshot->sources.begin(), snapshot->sources.end(), [&](const SourceSnapshot &s) {
        return s.kind == SourceKind::RefClock && s.name == *refId;
    });
    if (source == snapshot->sources.end())
        return printFailure(QStringLiteral("calibrate: no refclock %1").arg(QString::fromStdString(*refId)));
    if (!source->calibration)
        return printFailure(
            QStringLiteral("calibrate: nothing measured of %1 yet: it is measured while a PPS or NTP source "
                           "is selected, and only NMEA, SOCK and SHM refclocks are")
                .arg(QString::fromStdString(*refId)));
    const OffsetCalibration &c = *source->calibration;
    std::printf("%s against %s: %d samples over %s, median error %s, spread (5-95 %%) %s\n", refId->c_str(),
                c.reference.c_str(), c.samples, durationText(c.span).c_str(), secondsText(c.medianError).c_str(),
                secondsText(c.spread).c_str());
    const double delay = c.proposedDelay;
    std::printf("proposed: offset %s delay %s (now offset %s)\n", optionText(c.proposedOffset).c_str(),
                optionText(delay).c_str(), optionText(c.currentOffset).c_str());
    if (!c.ready)
        return printFailure(
            QStringLiteral("calibrate: not ready: the measurement needs %1 (%2 so far)")
                .arg(QString::fromStdString(durationText(c.window)), QString::fromStdString(durationText(c.span))));
    if (dryRun)
        return 0;
    return editConfiguration(options, [&](const std::string &text, QString &why) -> std::optional<std::string> {
        ConfigDocument document = ConfigDocument::fromText(text);
        std::string reason;
        if (!applyOffsetCalibration(document, *refId, c.proposedOffset, delay, reason)) {
            why = QStringLiteral("calibrate: %1").arg(QString::fromStdString(reason));
            return std::nullopt;
        }
        return document.toText();
    });
}

} // namespace s1
