#include "JmesPathFunctions.h"

#include "JmesPathError.h"
#include "JmesPathNode.h"
#include "PythonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace footfall {

namespace {

using Argument = JmesPathFunctions::Argument;
using Arguments = QList<Argument>;

// What a parameter accepts: a set of these.
enum TypeFlag : unsigned
{
    Number = 1,
    String = 2,
    Boolean = 4,
    Array = 8,
    Object = 16,
    Null = 32,
    Reference = 64,
    ArrayNumber = 128,
    ArrayString = 256,
    Any = Number | String | Boolean | Array | Object | Null
};

struct Function
{
    QList<unsigned> parameters;
    bool variadic = false; // the last parameter repeats (at least once)
    std::function<QJsonValue(const Arguments&, const JmesPathFunctions::Context&)> body;
};

QStringList flagNames(unsigned flags)
{
    static const QList<QPair<unsigned, QString>> names = {
        {Number, QStringLiteral("number")},           {String, QStringLiteral("string")},
        {Boolean, QStringLiteral("boolean")},         {Array, QStringLiteral("array")},
        {Object, QStringLiteral("object")},           {Null, QStringLiteral("null")},
        {Reference, QStringLiteral("expref")},        {ArrayNumber, QStringLiteral("array-number")},
        {ArrayString, QStringLiteral("array-string")}};
    if ((flags & Any) == Any)
        return {QStringLiteral("any")};
    QStringList result;
    for (const auto& [flag, name] : names) {
        if (flags & flag)
            result << name;
    }
    return result;
}

bool allOf(const QJsonArray& array, bool (QJsonValue::*test)() const)
{
    return std::all_of(array.begin(), array.end(), [&](const QJsonValue& v) { return (v.*test)(); });
}

bool accepts(unsigned flags, const Argument& argument)
{
    if (argument.reference)
        return flags & Reference;
    const QJsonValue& value = argument.value;
    if ((flags & Number) && value.isDouble())
        return true;
    if ((flags & String) && value.isString())
        return true;
    if ((flags & Boolean) && value.isBool())
        return true;
    if ((flags & Array) && value.isArray())
        return true;
    if ((flags & Object) && value.isObject())
        return true;
    if ((flags & Null) && value.isNull())
        return true;
    if ((flags & ArrayNumber) && value.isArray() && allOf(value.toArray(), &QJsonValue::isDouble))
        return true;
    if ((flags & ArrayString) && value.isArray() && allOf(value.toArray(), &QJsonValue::isString))
        return true;
    return false;
}

// In Python's jmespath words: the value as str() prints it, the types as a Python list.
// An element of a typed array is received as its Python type's name ("str"), as jmespath says it.
[[noreturn]] void wrongType(const QString& function, const QJsonValue& value, const QStringList& expected,
                            bool arrayElement = false)
{
    throw JmesPathError(
        JmesPathError::Kind::InvalidType,
        QStringLiteral("In function %1(), invalid type for value: %2, expected one of: %3, "
                       "received: \"%4\"")
            .arg(function, PythonText::str(value), PythonText::list(expected),
                 arrayElement ? PythonText::className(value) : JmesPathFunctions::typeOf(value)));
}

// The keys an expression reference gives each element (for sort_by, min_by, max_by): all numbers
// or all strings, else an invalid-type error.
QList<QJsonValue> keysOf(const QString& function, const QJsonArray& array, const JmesPathNode& reference,
                         const JmesPathFunctions::Apply& apply, bool mustMatchFirst)
{
    QList<QJsonValue> keys;
    for (const QJsonValue& element : array) {
        const QJsonValue key = apply(reference, element);
        if (!key.isDouble() && !key.isString())
            wrongType(function, key, {QStringLiteral("number"), QStringLiteral("string")});
        if (mustMatchFirst && !keys.isEmpty() && key.type() != keys.first().type())
            wrongType(function, key, {JmesPathFunctions::typeOf(keys.first())});
        keys << key;
    }
    return keys;
}

bool lessThan(const QJsonValue& left, const QJsonValue& right)
{
    if (left.isString())
        return JmesPathFunctions::compareStrings(left.toString(), right.toString()) < 0;
    return left.toDouble() < right.toDouble();
}

QJsonValue extreme(const QJsonArray& array, bool maximum)
{
    if (array.isEmpty())
        return QJsonValue::Null;
    QJsonValue best = array.first();
    for (const QJsonValue& value : array) {
        if (maximum ? lessThan(best, value) : lessThan(value, best))
            best = value;
    }
    return best;
}

QJsonValue extremeBy(const QString& function, const Arguments& arguments,
                     const JmesPathFunctions::Apply& apply, bool maximum)
{
    const QJsonArray array = arguments.at(0).value.toArray();
    if (array.isEmpty())
        return QJsonValue::Null;
    const QList<QJsonValue> keys = keysOf(function, array, *arguments.at(1).reference, apply, true);
    qsizetype best = 0;
    for (qsizetype i = 1; i < keys.size(); ++i) {
        if (maximum ? lessThan(keys.at(best), keys.at(i)) : lessThan(keys.at(i), keys.at(best)))
            best = i;
    }
    return array.at(best);
}

QJsonValue toNumber(const QJsonValue& value)
{
    if (value.isDouble())
        return value;
    if (!value.isString())
        return QJsonValue::Null;
    const QString text = value.toString().trimmed();
    static const QRegularExpression number(QStringLiteral("^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$"));
    if (!number.match(text).hasMatch())
        return QJsonValue::Null;
    return text.toDouble();
}

const std::map<QString, Function>& table()
{
    static const std::map<QString, Function> functions = {
        {QStringLiteral("abs"),
         {{Number},
          false,
          [](const Arguments& a, auto&) { return QJsonValue(std::fabs(a.at(0).value.toDouble())); }}},
        {QStringLiteral("avg"),
         {{ArrayNumber},
          false,
          [](const Arguments& a, auto&) {
              const QJsonArray array = a.at(0).value.toArray();
              if (array.isEmpty())
                  return QJsonValue(QJsonValue::Null);
              double sum = 0;
              for (const QJsonValue& v : array)
                  sum += v.toDouble();
              return QJsonValue(sum / double(array.size()));
          }}},
        {QStringLiteral("ceil"),
         {{Number},
          false,
          [](const Arguments& a, auto&) { return QJsonValue(std::ceil(a.at(0).value.toDouble())); }}},
        {QStringLiteral("contains"),
         {{Array | String, Any},
          false,
          [](const Arguments& a, auto&) {
              const QJsonValue& subject = a.at(0).value;
              const QJsonValue& search = a.at(1).value;
              if (subject.isString())
                  return QJsonValue(search.isString() && subject.toString().contains(search.toString()));
              return QJsonValue(subject.toArray().contains(search));
          }}},
        {QStringLiteral("ends_with"),
         {{String, String},
          false,
          [](const Arguments& a, auto&) {
              return QJsonValue(a.at(0).value.toString().endsWith(a.at(1).value.toString()));
          }}},
        {QStringLiteral("floor"),
         {{Number},
          false,
          [](const Arguments& a, auto&) { return QJsonValue(std::floor(a.at(0).value.toDouble())); }}},
        {QStringLiteral("join"),
         {{String, ArrayString},
          false,
          [](const Arguments& a, auto&) {
              QStringList parts;
              for (const QJsonValue& v : a.at(1).value.toArray())
                  parts << v.toString();
              return QJsonValue(parts.join(a.at(0).value.toString()));
          }}},
        {QStringLiteral("keys"),
         {{Object},
          false,
          [](const Arguments& a, const JmesPathFunctions::Context& context) {
              return QJsonValue(QJsonArray::fromStringList(context.keysOf(a.at(0).value.toObject())));
          }}},
        {QStringLiteral("length"),
         {{String | Array | Object},
          false,
          [](const Arguments& a, auto&) {
              const QJsonValue& v = a.at(0).value;
              if (v.isString())
                  return QJsonValue(double(v.toString().toUcs4().size()));
              return QJsonValue(double(v.isArray() ? v.toArray().size() : v.toObject().size()));
          }}},
        {QStringLiteral("map"),
         {{Reference, Array},
          false,
          [](const Arguments& a, const JmesPathFunctions::Context& context) {
              QJsonArray result;
              for (const QJsonValue& element : a.at(1).value.toArray())
                  result.append(context.apply(*a.at(0).reference, element));
              return QJsonValue(result);
          }}},
        {QStringLiteral("max"),
         {{ArrayNumber | ArrayString},
          false,
          [](const Arguments& a, auto&) { return extreme(a.at(0).value.toArray(), true); }}},
        {QStringLiteral("max_by"),
         {{Array, Reference},
          false,
          [](const Arguments& a, const JmesPathFunctions::Context& context) {
              return extremeBy(QStringLiteral("max_by"), a, context.apply, true);
          }}},
        {QStringLiteral("merge"),
         {{Object},
          true,
          [](const Arguments& a, auto&) {
              QJsonObject merged;
              for (const Argument& argument : a) {
                  const QJsonObject object = argument.value.toObject();
                  for (auto it = object.begin(); it != object.end(); ++it)
                      merged.insert(it.key(), it.value());
              }
              return QJsonValue(merged);
          }}},
        {QStringLiteral("min"),
         {{ArrayNumber | ArrayString},
          false,
          [](const Arguments& a, auto&) { return extreme(a.at(0).value.toArray(), false); }}},
        {QStringLiteral("min_by"),
         {{Array, Reference},
          false,
          [](const Arguments& a, const JmesPathFunctions::Context& context) {
              return extremeBy(QStringLiteral("min_by"), a, context.apply, false);
          }}},
        {QStringLiteral("not_null"),
         {{Any},
          true,
          [](const Arguments& a, auto&) {
              for (const Argument& argument : a) {
                  if (!argument.value.isNull())
                      return argument.value;
              }
              return QJsonValue(QJsonValue::Null);
          }}},
        {QStringLiteral("reverse"),
         {{String | Array},
          false,
          [](const Arguments& a, auto&) {
              const QJsonValue& v = a.at(0).value;
              if (v.isString()) {
                  QList<uint> codePoints = v.toString().toUcs4();
                  std::reverse(codePoints.begin(), codePoints.end());
                  return QJsonValue(QString::fromUcs4(
                      reinterpret_cast<const char32_t*>(codePoints.constData()), codePoints.size()));
              }
              QJsonArray reversed;
              const QJsonArray array = v.toArray();
              for (qsizetype i = array.size() - 1; i >= 0; --i)
                  reversed.append(array.at(i));
              return QJsonValue(reversed);
          }}},
        {QStringLiteral("sort"),
         {{ArrayNumber | ArrayString},
          false,
          [](const Arguments& a, auto&) {
              QJsonArray array = a.at(0).value.toArray();
              QList<QJsonValue> values(array.begin(), array.end());
              std::stable_sort(values.begin(), values.end(), lessThan);
              QJsonArray sorted;
              for (const QJsonValue& v : values)
                  sorted.append(v);
              return QJsonValue(sorted);
          }}},
        {QStringLiteral("sort_by"),
         {{Array, Reference},
          false,
          [](const Arguments& a, const JmesPathFunctions::Context& context) {
              const QJsonArray array = a.at(0).value.toArray();
              const QList<QJsonValue> keys =
                  keysOf(QStringLiteral("sort_by"), array, *a.at(1).reference, context.apply, true);
              QList<qsizetype> order(array.size());
              std::iota(order.begin(), order.end(), 0);
              std::stable_sort(order.begin(), order.end(),
                               [&](qsizetype l, qsizetype r) { return lessThan(keys.at(l), keys.at(r)); });
              QJsonArray sorted;
              for (qsizetype i : order)
                  sorted.append(array.at(i));
              return QJsonValue(sorted);
          }}},
        {QStringLiteral("starts_with"),
         {{String, String},
          false,
          [](const Arguments& a, auto&) {
              return QJsonValue(a.at(0).value.toString().startsWith(a.at(1).value.toString()));
          }}},
        {QStringLiteral("sum"),
         {{ArrayNumber},
          false,
          [](const Arguments& a, auto&) {
              double sum = 0;
              for (const QJsonValue& v : a.at(0).value.toArray())
                  sum += v.toDouble();
              return QJsonValue(sum);
          }}},
        {QStringLiteral("to_array"),
         {{Any},
          false,
          [](const Arguments& a, auto&) {
              const QJsonValue& v = a.at(0).value;
              return v.isArray() ? v : QJsonValue(QJsonArray{v});
          }}},
        {QStringLiteral("to_number"),
         {{Any}, false, [](const Arguments& a, auto&) { return toNumber(a.at(0).value); }}},
        {QStringLiteral("to_string"),
         {{Any},
          false,
          [](const Arguments& a, auto&) {
              const QJsonValue& v = a.at(0).value;
              return v.isString() ? v : QJsonValue(JmesPathFunctions::compactJson(v));
          }}},
        {QStringLiteral("type"),
         {{Any},
          false,
          [](const Arguments& a, auto&) { return QJsonValue(JmesPathFunctions::typeOf(a.at(0).value)); }}},
        {QStringLiteral("values"),
         {{Object},
          false,
          [](const Arguments& a, const JmesPathFunctions::Context& context) {
              QJsonArray values;
              const QJsonObject object = a.at(0).value.toObject();
              for (const QString& key : context.keysOf(object))
                  values.append(object.value(key));
              return QJsonValue(values);
          }}},
    };
    return functions;
}

} // namespace

QStringList JmesPathFunctions::names()
{
    QStringList result;
    for (const auto& entry : table())
        result << entry.first;
    return result;
}

QString JmesPathFunctions::typeOf(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("null");
    }
}

int JmesPathFunctions::compareStrings(const QString& left, const QString& right)
{
    const QList<uint> l = left.toUcs4();
    const QList<uint> r = right.toUcs4();
    if (std::lexicographical_compare(l.begin(), l.end(), r.begin(), r.end()))
        return -1;
    return l == r ? 0 : 1;
}

QString JmesPathFunctions::compactJson(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        QString out = QStringLiteral("\"");
        for (const QChar c : value.toString()) {
            const ushort u = c.unicode();
            if (c == QLatin1Char('"'))
                out += QLatin1String("\\\"");
            else if (c == QLatin1Char('\\'))
                out += QLatin1String("\\\\");
            else if (c == QLatin1Char('\n'))
                out += QLatin1String("\\n");
            else if (c == QLatin1Char('\r'))
                out += QLatin1String("\\r");
            else if (c == QLatin1Char('\t'))
                out += QLatin1String("\\t");
            else if (c == QLatin1Char('\b'))
                out += QLatin1String("\\b");
            else if (c == QLatin1Char('\f'))
                out += QLatin1String("\\f");
            else if (u < 0x20 || u > 0x7e)
                out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
        return out + QLatin1Char('"');
    }
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue& element : value.toArray())
            parts << compactJson(element);
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QStringList parts;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            parts << compactJson(it.key()) + QLatin1Char(':') + compactJson(it.value());
        return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    case QJsonValue::Double: {
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return QStringLiteral("null");
    }
}

void JmesPathFunctions::checkCall(const QString& name, qsizetype count)
{
    const auto found = table().find(name);
    if (found == table().end())
        throw JmesPathError(JmesPathError::Kind::UnknownFunction,
                            QStringLiteral("Unknown function: %1()").arg(name));
    const Function& function = found->second;
    const qsizetype declared = function.parameters.size();
    if (function.variadic ? count < declared : count != declared) {
        throw JmesPathError(JmesPathError::Kind::InvalidArity,
                            QStringLiteral("Expected %1%2 argument%3 for function %4(), received %5")
                                .arg(function.variadic ? QStringLiteral("at least ") : QString())
                                .arg(declared)
                                .arg(declared == 1 ? QString() : QStringLiteral("s"), name)
                                .arg(count));
    }
}

QStringList JmesPathFunctions::Context::keysOf(const QJsonObject& object) const
{
    return memberOrder ? memberOrder(object) : object.keys();
}

QJsonValue JmesPathFunctions::call(const QString& name, const QList<Argument>& arguments,
                                   const Context& context)
{
    checkCall(name, arguments.size());
    const Function& function = table().at(name);
    const qsizetype declared = function.parameters.size();
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const unsigned flags = function.parameters.at(qMin(i, declared - 1));
        if (!accepts(flags, arguments.at(i))) {
            const Argument& argument = arguments.at(i);
            if (argument.reference)
                wrongType(name, QStringLiteral("<expression>"), flagNames(flags));
            // For a typed array, name the first element that does not fit.
            QJsonValue offending = argument.value;
            bool element = false;
            if (argument.value.isArray() && (flags & (ArrayNumber | ArrayString)) &&
                !argument.value.toArray().isEmpty()) {
                const QJsonArray array = argument.value.toArray();
                const bool wantNumbers =
                    (flags & ArrayNumber) && (!(flags & ArrayString) || array.first().isDouble());
                for (const QJsonValue& value : array) {
                    if (wantNumbers ? !value.isDouble() : !value.isString()) {
                        offending = value;
                        element = true;
                        break;
                    }
                }
            }
            wrongType(name, offending, flagNames(flags), element);
        }
    }
    return function.body(arguments, context);
}

} // namespace footfall
