#include "StratumctlCalibrate.h"
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

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "stratumctl: %s\n", qPrintable(message));
    return code;
}

std::optional<EngineSnapshot> fetchSnapshot(const StratumctlOptions &options, int &exitCode)
{
    ControlClient client;
    std::string error;
    const bool connected = options.remoteHost.empty()
                               ? client.connectTo(options.socketPath, error)
                               : client.connectToHost(options.remoteHost, options.remotePort, error);
    std::optional<control::ControlMessage> reply;
    if (connected)
        reply = client.call(control::Command::Snapshot, {}, ControlClient::kReplyTimeout, error);
    if (!reply) {
        exitCode = fail(QString::fromStdString(error));
        return std::nullopt;
    }
    if (!reply->ok) {
        exitCode = fail(reply->error);
        return std::nullopt;
    }
    QString why;
    auto snapshot = snapshotFromJson(reply->result.toObject(), &why);
    if (!snapshot)
        exitCode = fail(QStringLiteral("unexpected answer from the service: %1").arg(why));
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
            return fail(QStringLiteral("usage: calibrate REFID [--dry-run]"), 2);
    }
    if (!refId)
        return fail(QStringLiteral("usage: calibrate REFID [--dry-run]"), 2);
    int exitCode = 0;
    const auto snapshot = fetchSnapshot(options, exitCode);
    if (!snapshot)
        return exitCode;
    const auto source = std::find_if(snapshot->sources.begin(), snapshot->sources.end(), [&](const SourceSnapshot &s) {
        return s.kind == SourceKind::RefClock && s.name == *refId;
    });
    if (source == snapshot->sources.end())
        return fail(QStringLiteral("calibrate: no refclock %1").arg(QString::fromStdString(*refId)));
    if (!source->calibration)
        return fail(QStringLiteral("calibrate: nothing measured of %1 yet: it is measured while a PPS or NTP source "
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
        return fail(
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
