#include "CliParameterParser.h"

#include "ApiOperation.h"
#include "DatabaseFiles.h"
#include "JsonInput.h"
#include "PythonText.h"
#include "ServiceShapes.h"
#include "ShorthandError.h"
#include "ShorthandParser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace footfall {

namespace {

bool startsWithAny(const QString& text, const char* characters)
{
    const QString trimmed = text.trimmed();
    return !trimmed.isEmpty() && QString::fromLatin1(characters).contains(trimmed.front());
}

bool isComplex(const ServiceShapes& shapes, const QString& shape)
{
    return shapes.isStructure(shape) || shapes.isMap(shape) || shapes.isList(shape);
}

// The path as Python's os.path.expandvars(os.path.expanduser(path)) makes it, as the AWS CLI reads
// a paramfile: a leading ~ is the home folder, $NAME and ${NAME} are the environment's (left as they
// are when unset).
QString expandedPath(QString path)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    static const QRegularExpression variable(QStringLiteral(R"(\$(\w+|\{[^}]*\}))"));
    QString expanded;
    qsizetype last = 0;
    for (QRegularExpressionMatchIterator it = variable.globalMatch(path); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        QString name = match.captured(1);
        if (name.startsWith(QLatin1Char('{')))
            name = name.mid(1, name.size() - 2);
        expanded += path.mid(last, match.capturedStart() - last);
        expanded += qEnvironmentVariableIsSet(name.toLocal8Bit().constData())
                        ? qEnvironmentVariable(name.toLocal8Bit().constData())
                        : match.captured(0);
        last = match.capturedEnd();
    }
    return expanded + path.mid(last);
}

} // namespace

CliParameterParser::CliParameterParser(const QString& databasePath)
    : m_databasePath(databasePath)
{}

QString CliParameterParser::loadParamFile(const QString& flag, QString& text, bool binary) const
{
    const QString prefix = binary && text.startsWith(QLatin1String("fileb://")) ? QStringLiteral("fileb://")
                                                                                : QStringLiteral("file://");
    if (!text.startsWith(prefix))
        return {};
    const QString path = expandedPath(text.mid(prefix.size()));
    if (DatabaseFiles::isDatabaseFile(path, m_databasePath)) {
        return QStringLiteral("Error parsing parameter '%1': Unable to load paramfile %2: %3")
            .arg(flag, text, DatabaseFiles::refusal(path));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("Error parsing parameter '%1': Unable to load paramfile %2: %3")
            .arg(flag, text, file.errorString());
    }
    text = QString::fromUtf8(file.readAll());
    return {};
}

CliParameterParser::Parsed CliParameterParser::json(const QString& flag, const QString& text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.isNull()) {
        return {{},
                QStringLiteral(
                    "Error parsing parameter '%1': Invalid JSON: %2 at character %3\nJSON received: %4")
                    .arg(flag, error.errorString())
                    .arg(error.offset)
                    .arg(text)};
    }
    return {document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()), {}};
}

CliParameterParser::Parsed CliParameterParser::shorthand(const QString& flag, const QString& text,
                                                         const QString& shape)
{
    try {
        return {ShorthandParser::withModelTypes(ShorthandParser(text).parse(), shape), {}};
    } catch (const ShorthandError& error) {
        return {{}, QStringLiteral("Error parsing parameter '%1': %2").arg(flag, error.message())};
    }
}

CliParameterParser::Parsed CliParameterParser::scalar(const ApiMember& member, const QString& shape,
                                                      const QString& text)
{
    const QString type = ServiceShapes::instance().scalarType(shape);
    if (type == QLatin1String("integer") || type == QLatin1String("long") ||
        (type.isEmpty() && member.type == ApiType::Integer)) {
        bool ok = false;
        const qint64 number = text.trimmed().toLongLong(&ok);
        if (!ok)
            return {{}, QStringLiteral("argument %1: invalid int value: '%2'").arg(member.cliFlag(), text)};
        return {double(number), {}};
    }
    if (type == QLatin1String("float") || type == QLatin1String("double")) {
        bool ok = false;
        const double number = text.trimmed().toDouble(&ok);
        if (!ok)
            return {{}, QStringLiteral("argument %1: invalid float value: '%2'").arg(member.cliFlag(), text)};
        return {number, {}};
    }
    return {text, {}};
}

CliParameterParser::Parsed CliParameterParser::member(const ApiMember& member, const QString& shape,
                                                      const QStringList& words) const
{
    const QString flag = member.cliFlag();
    if (member.type == ApiType::Boolean)
        return {true, {}};
    if (words.isEmpty()) // a list flag with no words, as argparse's nargs='*' allows
        return {QJsonArray(), {}};
    QStringList texts = words;
    // A paramfile stands for the whole value (a list's too, when it is the only word).
    if (texts.size() == 1) {
        if (const QString error = loadParamFile(flag, texts.first()); !error.isEmpty())
            return {{}, error};
    }
    const ServiceShapes& shapes = ServiceShapes::instance();
    switch (member.type) {
    case ApiType::String:
    case ApiType::Integer:
        return scalar(member, shape, texts.first());
    case ApiType::Boolean:
        break;
    case ApiType::Structure:
        if (shape.isEmpty() || startsWithAny(texts.first(), "{"))
            return json(flag, texts.first());
        if (startsWithAny(texts.first(), "[")) // JSON, but not an object
            return {
                {},
                QStringLiteral("Error parsing parameter '%1': Invalid JSON:\n%2").arg(flag, texts.first())};
        return shorthand(flag, texts.first(), shape);
    case ApiType::List: {
        // Without a model (Footfall's own commands) a single { word is JSON too, for its message.
        if (texts.size() == 1 && startsWithAny(texts.first(), shape.isEmpty() ? "[{" : "["))
            return json(flag, texts.first());
        const QString element = shapes.elementShape(shape);
        QJsonArray list;
        if (!element.isEmpty() && isComplex(shapes, element)) {
            // As the AWS CLI decides it, from the first word: JSON objects, or shorthand.
            // Each element then JSON of its own kind: an object, or for a list of lists a list.
            const bool asJson = startsWithAny(texts.first(), "{[");
            const char* opening = shapes.isList(element) ? "[" : "{";
            for (const QString& text : texts) {
                if (asJson && !startsWithAny(text, opening))
                    return {
                        {},
                        QStringLiteral("Error parsing parameter '%1': Invalid JSON:\n%2").arg(flag, text)};
                const Parsed parsed = asJson ? json(flag, text) : shorthand(flag, text, element);
                if (!parsed.error.isEmpty())
                    return parsed;
                list.append(parsed.value);
            }
            return {list, {}};
        }
        for (const QString& text : texts) {
            const Parsed parsed = scalar(ApiMember{member.name, ApiType::String, false, {}}, element, text);
            if (!parsed.error.isEmpty())
                return parsed;
            list.append(parsed.value);
        }
        return {list, {}};
    }
    }
    return {texts.first(), {}};
}

CliParameterParser::Parsed CliParameterParser::cliInputJson(QString text) const
{
    const QString flag = QStringLiteral("--cli-input-json");
    if (const QString error = loadParamFile(flag, text, true); !error.isEmpty())
        return {{}, error};
    // Any JSON value parses (a bare one is refused below: Python's json.loads takes it, and the
    // AWS CLI then refuses it).
    const std::optional<QJsonValue> parsed = JsonInput::anyValue(text.toUtf8());
    if (!parsed)
        return {{}, QStringLiteral("Error parsing parameter 'cli-input-json': Invalid JSON received.")};
    const QJsonValue value = *parsed;
    if (!value.isObject()) {
        return {{},
                QStringLiteral("Error parsing parameter '%1': Invalid type: expecting map, received %2")
                    .arg(flag, PythonText::typeName(value))};
    }
    return {value, {}};
}

} // namespace footfall
