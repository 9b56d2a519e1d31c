#include "control/JsonReader.h"

#include "control/SnapshotJson.h"

#include <QJsonValue>

namespace s1 {

JsonReader::JsonReader(QJsonObject object, QString path)
    : JsonReader(std::move(object), std::move(path), std::make_shared<State>())
{
}

JsonReader::JsonReader(QJsonObject object, QString path, std::shared_ptr<State> state)
    : m_object(std::move(object))
    , m_path(std::move(path))
    , m_state(std::move(state))
{
}

QString JsonReader::where(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

void JsonReader::fail(const QString &key, const QString &message) const
{
    if (m_state->error.isEmpty())
        m_state->error = where(key) + QStringLiteral(": ") + message;
}

JsonReader JsonReader::object(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    if (!v.isUndefined() && !v.isNull() && !v.isObject())
        fail(key, QStringLiteral("expected an object"));
    return JsonReader(v.toObject(), where(key), m_state);
}

JsonReader JsonReader::element(const QJsonArray &array, qsizetype index, const QString &arrayKey) const
{
    const QString path = where(arrayKey) + QStringLiteral("[%1]").arg(index);
    const QJsonValue v = array.at(index);
    if (!v.isObject() && m_state->error.isEmpty())
        m_state->error = path + QStringLiteral(": expected an object");
    return JsonReader(v.toObject(), path, m_state);
}

bool JsonReader::isNull(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    return v.isUndefined() || v.isNull();
}

double JsonReader::number(const QString &key, double fallback) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isDouble()) {
        fail(key, QStringLiteral("expected a number"));
        return fallback;
    }
    return v.toDouble();
}

std::int64_t JsonReader::integer(const QString &key, std::int64_t fallback) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    bool integral = v.isDouble();
    const qint64 value = v.toInteger(0);
    // toInteger() falls back for fractions and out-of-range values; tell them from a real 0.
    if (integral && value == 0 && v.toDouble() != 0.0)
        integral = false;
    if (!integral) {
        fail(key, QStringLiteral("expected an integer"));
        return fallback;
    }
    return value;
}

std::int64_t JsonReader::integerIn(const QString &key, std::int64_t min, std::int64_t max, std::int64_t fallback) const
{
    const std::int64_t value = integer(key, fallback);
    if (value < min || value > max) {
        fail(key, QStringLiteral("%1 is out of range %2..%3").arg(value).arg(min).arg(max));
        return fallback;
    }
    return value;
}

std::uint64_t JsonReader::counter(const QString &key) const
{
    const std::int64_t value = integer(key, 0);
    if (value < 0) {
        fail(key, QStringLiteral("expected a non-negative integer"));
        return 0;
    }
    return static_cast<std::uint64_t>(value);
}

bool JsonReader::boolean(const QString &key, bool fallback) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isBool()) {
        fail(key, QStringLiteral("expected true or false"));
        return fallback;
    }
    return v.toBool();
}

QString JsonReader::string(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return {};
    if (!v.isString()) {
        fail(key, QStringLiteral("expected a string"));
        return {};
    }
    return v.toString();
}

std::optional<RealTime> JsonReader::time(const QString &key) const
{
    if (isNull(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    const auto t = v.isString() ? timeFromJsonString(v.toString()) : std::nullopt;
    if (!t)
        fail(key, QStringLiteral("expected Unix nanoseconds as a decimal string"));
    return t;
}

QJsonArray JsonReader::array(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray())
        fail(key, QStringLiteral("expected an array"));
    return v.toArray();
}

} // namespace s1
