// JSON by field description: one list per struct of (member name, data member, codec) drives both
// the encoder and the decoder, so the two cannot drift apart.
//
//   inline auto describe(Type<SelectDataOptions>)   // in namespace s1::json
//   {
//       return std::tuple{field("noselect", &SelectDataOptions::noselect), ...};
//   }
//
// then encodeObject(value) / decodeMessage<T>(object, &error). A new report needs only its
// describe(); a nested struct must be described before the struct that holds it.
//
// A codec says how one C++ type travels as a member: numbers, integers within a range (the
// type's own by default), counters, booleans, strings, instants (Unix nanoseconds as decimal
// strings), optionals as null (Nullable), enums by name, nested described structs, arrays of
// them; a field names its codec only when the member type's default one will not do. Every
// codec has
//   void write(QJsonObject &o, const QString &key, const T &value) const;
//   void read(const JsonReader &in, const QString &key, T &value) const;
// where `value` holds the struct's default on reading: a missing member keeps it (readers accept
// messages from older writers), a member of the wrong type, out of range or with an unknown name
// fails through the JsonReader with its path.
#pragma once

#include "net/IpAddress.h"
#include "json/JsonReader.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace s1::json {

// Tag for the describe() overloads.
template <typename T>
struct Type
{ };

template <typename T>
using Description = decltype(describe(Type<T>{}));

template <typename T>
concept Described = requires
{
    describe(Type<T>{});
};

template <typename Struct, typename Member, typename Codec>
struct Field
{
    const char *key;
    Member Struct::*member;
    Codec codec;
};

// --- codecs

struct Number
{
    bool nonNegative = false;

    void write(QJsonObject &o, const QString &key, double v) const { o.insert(key, v); }
    void read(const JsonReader &in, const QString &key, double &v) const
    {
        v = in.number(key, v);
        if (nonNegative && v < 0)
            in.fail(key, QStringLiteral("must not be negative"));
    }
};

// An integer within [min, max]; JSON carries int64.
template <typename T>
struct Integer
{
    std::int64_t min = static_cast<std::int64_t>(std::numeric_limits<T>::min());
    std::int64_t max = static_cast<std::int64_t>(std::numeric_limits<T>::max());

    void write(QJsonObject &o, const QString &key, T v) const { o.insert(key, static_cast<qint64>(v)); }
    void read(const JsonReader &in, const QString &key, T &v) const
    {
        v = static_cast<T>(in.integerIn(key, min, max, static_cast<std::int64_t>(v)));
    }
};

// A non-negative 64-bit count; JSON numbers carry int64, and the counters never come near 2^63.
struct Counter
{
    void write(QJsonObject &o, const QString &key, std::uint64_t v) const { o.insert(key, static_cast<qint64>(v)); }
    void read(const JsonReader &in, const QString &key, std::uint64_t &v) const
    {
        if (in.has(key))
            v = in.counter(key);
    }
};

struct Boolean
{
    void write(QJsonObject &o, const QString &key, bool v) const { o.insert(key, v); }
    void read(const JsonReader &in, const QString &key, bool &v) const { v = in.boolean(key, v); }
};

struct String
{
    void write(QJsonObject &o, const QString &key, const std::string &v) const
    {
        o.insert(key, QString::fromStdString(v));
    }
    void read(const JsonReader &in, const QString &key, std::string &v) const
    {
        if (in.has(key))
            v = in.string(key).toStdString();
    }
};

// An instant; null reads as the default.
struct Time
{
    bool required = false; // missing or null: "missing"

    void write(QJsonObject &o, const QString &key, RealTime v) const { o.insert(key, timeToJsonString(v)); }
    void read(const JsonReader &in, const QString &key, RealTime &v) const
    {
        if (required && in.isNull(key))
            in.fail(key, QStringLiteral("missing"));
        v = in.time(key).value_or(v);
    }
};

// Whole seconds (an age, a span), never negative; null reads as the default.
struct Seconds
{
    void write(QJsonObject &o, const QString &key, std::chrono::seconds v) const
    {
        o.insert(key, static_cast<qint64>(v.count()));
    }
    void read(const JsonReader &in, const QString &key, std::chrono::seconds &v) const
    {
        if (!in.isNull(key))
            v = std::chrono::seconds(in.integerIn(key, 0, std::numeric_limits<std::int64_t>::max()));
    }
};

// A one-letter code as a string. Strict: anything but one ASCII character fails; lenient:
// ignored, and 0 travels as "".
struct Letter
{
    bool strict = true;

    void write(QJsonObject &o, const QString &key, char v) const
    {
        o.insert(key, strict || v != 0 ? QString(QLatin1Char(v)) : QString());
    }
    void read(const JsonReader &in, const QString &key, char &v) const
    {
        const QString text = in.string(key);
        if (text.size() == 1 && text.at(0).unicode() < 0x80)
            v = static_cast<char>(text.at(0).unicode());
        else if (strict && in.has(key))
            in.fail(key, QStringLiteral("expected one ASCII character"));
    }
};

// An enum by name: every value and the function naming it.
template <typename E>
struct Enum
{
    std::span<const E> values;
    const char *(*name)(E);
    // The message for an unknown name, %1 the name.
    const char *unknown = "unknown value \"%1\"";
    // Missing fails as an unknown empty name.
    bool required = false;

    void write(QJsonObject &o, const QString &key, E v) const { o.insert(key, QLatin1String(name(v))); }
    void read(const JsonReader &in, const QString &key, E &v) const
    {
        if (!required && !in.has(key))
            return;
        const QString text = in.string(key);
        for (E candidate : values) {
            if (text == QLatin1String(name(candidate))) {
                v = candidate;
                return;
            }
        }
        in.fail(key, QString::fromLatin1(unknown).arg(text));
    }
};

// An enum by its number on the wire, within [0, max].
template <typename E>
struct EnumNumber
{
    std::int64_t max = 0;

    void write(QJsonObject &o, const QString &key, E v) const { o.insert(key, static_cast<int>(v)); }
    void read(const JsonReader &in, const QString &key, E &v) const
    {
        v = static_cast<E>(in.integerIn(key, 0, max, static_cast<std::int64_t>(v)));
    }
};

// An IP address in text form. Nullable: null is the null address (and back); otherwise the
// member must hold an address.
struct Address
{
    bool nullable = false;
    const char *invalid = "not an IP address: %1"; // %1 the text

    void write(QJsonObject &o, const QString &key, const IpAddress &v) const
    {
        o.insert(key, nullable && v.isNull() ? QJsonValue() : QJsonValue(QString::fromStdString(v.toString())));
    }
    void read(const JsonReader &in, const QString &key, IpAddress &v) const
    {
        if (nullable && in.isNull(key))
            return;
        const QString text = in.string(key);
        if (const auto ip = IpAddress::parse(text.toStdString()))
            v = *ip;
        else
            in.fail(key, QString::fromLatin1(invalid).arg(text));
    }
};

struct StringArray
{
    void write(QJsonObject &o, const QString &key, const std::vector<std::string> &v) const
    {
        QJsonArray array;
        for (const std::string &text : v)
            array.append(QString::fromStdString(text));
        o.insert(key, array);
    }
    void read(const JsonReader &in, const QString &key, std::vector<std::string> &v) const
    {
        const QJsonArray array = in.array(key);
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array[i].isString())
                in.fail(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("expected a string"));
            v.push_back(array[i].toString().toStdString());
        }
    }
};

// Counts by name, as an object of counters.
struct CounterMap
{
    void write(QJsonObject &o, const QString &key, const std::map<std::string, std::uint64_t> &v) const
    {
        QJsonObject counts;
        for (const auto &[name, n] : v)
            counts.insert(QString::fromStdString(name), static_cast<qint64>(n));
        o.insert(key, counts);
    }
    void read(const JsonReader &in, const QString &key, std::map<std::string, std::uint64_t> &v) const
    {
        const JsonReader counts = in.object(key);
        for (const QString &name : counts.keys())
            v[name.toStdString()] = counts.counter(name);
    }
};

// --- described structs

template <Described T>
QJsonObject encodeObject(const T &value);
template <Described T>
void decodeObject(const JsonReader &in, T &value);

struct Object
{
    template <Described T>
    void write(QJsonObject &o, const QString &key, const T &v) const
    {
        o.insert(key, encodeObject(v));
    }
    template <Described T>
    void read(const JsonReader &in, const QString &key, T &v) const
    {
        decodeObject(in.object(key), v);
    }
};

struct ObjectArray
{
    template <Described T>
    void write(QJsonObject &o, const QString &key, const std::vector<T> &v) const
    {
        QJsonArray array;
        for (const T &element : v)
            array.append(encodeObject(element));
        o.insert(key, array);
    }
    template <Described T>
    void read(const JsonReader &in, const QString &key, std::vector<T> &v) const
    {
        const QJsonArray array = in.array(key);
        v.reserve(static_cast<std::size_t>(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i) {
            T element{};
            decodeObject(in.element(array, i, key), element);
            v.push_back(std::move(element));
        }
    }
};

// An optional value by the codec of its type: empty travels as null (or is left out with
// omitWhenEmpty), and null or missing reads as empty.
template <typename Inner>
struct Nullable
{
    Inner inner{};
    bool omitWhenEmpty = false;

    template <typename T>
    void write(QJsonObject &o, const QString &key, const std::optional<T> &v) const
    {
        if (v)
            inner.write(o, key, *v);
        else if (!omitWhenEmpty)
            o.insert(key, QJsonValue());
    }
    template <typename T>
    void read(const JsonReader &in, const QString &key, std::optional<T> &v) const
    {
        if (in.isNull(key)) {
            v.reset();
            return;
        }
        T value{};
        inner.read(in, key, value);
        v = std::move(value);
    }
};

// The codec a member type gets when its field names none.
template <typename T>
struct DefaultCodec;
// clang-format off
template <> struct DefaultCodec<double> { using type = Number; };
template <> struct DefaultCodec<bool> { using type = Boolean; };
template <> struct DefaultCodec<std::string> { using type = String; };
template <> struct DefaultCodec<std::uint64_t> { using type = Counter; };
template <> struct DefaultCodec<int> { using type = Integer<int>; };
template <> struct DefaultCodec<std::uint32_t> { using type = Integer<std::uint32_t>; };
template <> struct DefaultCodec<std::uint16_t> { using type = Integer<std::uint16_t>; };
template <> struct DefaultCodec<std::uint8_t> { using type = Integer<std::uint8_t>; };
template <> struct DefaultCodec<RealTime> { using type = Time; };
template <> struct DefaultCodec<std::chrono::seconds> { using type = Seconds; };
template <> struct DefaultCodec<std::vector<std::string>> { using type = StringArray; };
template <> struct DefaultCodec<std::map<std::string, std::uint64_t>> { using type = CounterMap; };
template <Described T> struct DefaultCodec<T> { using type = Object; };
template <Described T> struct DefaultCodec<std::vector<T>> { using type = ObjectArray; };
template <typename T> struct DefaultCodec<std::optional<T>> { using type = Nullable<typename DefaultCodec<T>::type>; };
// clang-format on

template <typename Struct, typename Member>
constexpr auto field(const char *key, Member Struct::*member)
{
    return Field<Struct, Member, typename DefaultCodec<Member>::type>{key, member, {}};
}

template <typename Struct, typename Member, typename Codec>
constexpr auto field(const char *key, Member Struct::*member, Codec codec)
{
    return Field<Struct, Member, Codec>{key, member, codec};
}

template <Described T>
QJsonObject encodeObject(const T &value)
{
    QJsonObject o;
    std::apply([&](const auto &...f) { (f.codec.write(o, QString::fromLatin1(f.key), value.*(f.member)), ...); },
               describe(Type<T>{}));
    return o;
}

template <Described T>
void decodeObject(const JsonReader &in, T &value)
{
    std::apply([&](const auto &...f) { (f.codec.read(in, QString::fromLatin1(f.key), value.*(f.member)), ...); },
               describe(Type<T>{}));
}

// A whole message: the value, or nothing with the first problem in `error`.
template <Described T>
std::optional<T> decodeMessage(const QJsonObject &json, QString *error)
{
    const JsonReader in(json);
    T value{};
    decodeObject(in, value);
    if (!in.ok()) {
        if (error)
            *error = in.error();
        return std::nullopt;
    }
    return value;
}

} // namespace s1::json
