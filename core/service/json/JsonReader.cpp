#include "json/JsonReader.h"

#include "json/SnapshotJson.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <set>
#include <vector>

namespace s1 {

JsonReader::JsonReader(QJsonObject object, QString path)
    : JsonReader(std::move(object), std::move(path), std::make_shared<State>())
{ }

JsonReader::JsonReader(QJsonObject object, QString path, std::shared_ptr<State> state)
    : m_object(std::move(object))
    , m_path(std::move(path))
    , m_state(std::move(state))
{ }

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

namespace {

// The text of a JSON string token (quotes included), unescaped.
QString decodeJsonString(QByteArrayView token)
{
    if (!token.contains('\\'))
        return QString::fromUtf8(token.sliced(1, token.size() - 2));
    const QByteArray wrapped = QByteArray("[") + token.toByteArray() + QByteArray("]");
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

struct JsonScope
{
    bool isObject = false;
    bool expectKey = false;
    QString path;    // of this object or array, for messages
    QString lastKey; // the member being read
    std::set<QString> keys;
};

} // namespace

std::optional<QString> findDuplicateJsonKey(QByteArrayView json)
{
    std::vector<JsonScope> scopes;
    const auto childPath = [&scopes]() -> QString {
        if (scopes.empty())
            return {};
        const JsonScope &parent = scopes.back();
        if (!parent.isObject)
            return parent.path;
        return parent.path.isEmpty() ? parent.lastKey : parent.path + QLatin1Char('.') + parent.lastKey;
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        switch (c) {
        case '{':
        case '[': {
            JsonScope scope;
            scope.path = childPath();
            scope.isObject = c == '{';
            scope.expectKey = scope.isObject;
            scopes.push_back(std::move(scope));
            break;
        }
        case '}':
        case ']':
            if (!scopes.empty())
                scopes.pop_back();
            break;
        case ',':
            if (!scopes.empty() && scopes.back().isObject)
                scopes.back().expectKey = true;
            break;
        case '"': {
            const qsizetype start = i;
            for (++i; i < json.size() && json[i] != '"'; ++i) {
                if (json[i] == '\\')
                    ++i; // the escaped character cannot end the string
            }
            if (scopes.empty() || !scopes.back().isObject || !scopes.back().expectKey)
                break;
            JsonScope &scope = scopes.back();
            scope.expectKey = false;
            scope.lastKey = decodeJsonString(json.sliced(start, std::min(i, json.size() - 1) - start + 1));
            if (!scope.keys.insert(scope.lastKey).second)
                return scope.path.isEmpty() ? scope.lastKey : scope.path + QLatin1Char('.') + scope.lastKey;
            break;
        }
        default:
            break;
        }
    }
    return std::nullopt;
}

} // namespace s1
