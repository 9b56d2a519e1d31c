// Reads typed members out of a QJsonObject and remembers the first problem with its path
// ("sources[2].stats.offset: expected a number"), so that a decoder reads on without checking
// every member and reports one precise message at the end. Missing members give the caller's
// default: readers accept messages from older writers.
#pragma once

#include "time/Timestamps.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>

namespace s1 {

class JsonReader
{
public:
    explicit JsonReader(QJsonObject object, QString path = {});

    // A reader for a nested object; its problems are reported through this one.
    JsonReader object(const QString &key) const;
    // Same for an element of an array member (an object, else a problem).
    JsonReader element(const QJsonArray &array, qsizetype index, const QString &arrayKey) const;

    bool has(const QString &key) const { return m_object.contains(key); }
    QStringList keys() const { return m_object.keys(); }
    QJsonValue value(const QString &key) const { return m_object.value(key); }
    double number(const QString &key, double fallback = 0) const;
    std::int64_t integer(const QString &key, std::int64_t fallback = 0) const;
    // An integer within [min, max].
    std::int64_t integerIn(const QString &key, std::int64_t min, std::int64_t max, std::int64_t fallback = 0) const;
    std::uint64_t counter(const QString &key) const; // non-negative integer
    bool boolean(const QString &key, bool fallback = false) const;
    QString string(const QString &key) const;
    // null or missing: nullopt; a string of Unix nanoseconds otherwise.
    std::optional<RealTime> time(const QString &key) const;
    QJsonArray array(const QString &key) const;
    // True when the member is missing or null.
    bool isNull(const QString &key) const;

    void fail(const QString &key, const QString &message) const;
    bool ok() const { return m_state->error.isEmpty(); }
    const QString &error() const { return m_state->error; }

private:
    struct State
    {
        QString error;
    };

    JsonReader(QJsonObject object, QString path, std::shared_ptr<State> state);
    QString where(const QString &key) const;

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<State> m_state;
};

// QJsonDocument keeps the last of several members with the same name and says nothing, so a
// request like {"cmd":"tracking","cmd":"reload"} would run the last one. This finds the first
// repeated key in `json` (which must already be valid JSON), compared after unescaping, and
// returns it with its path ("args.address"); nothing when every object's keys are distinct.
std::optional<QString> findDuplicateJsonKey(QByteArrayView json);

} // namespace s1
