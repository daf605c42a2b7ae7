#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace footfall {

// `--output text` as the AWS CLI writes it: each object's scalar members on one tab-separated
// line (in key order), each nested list or object after it on lines of its own, named by its key
// in capitals; lists of scalars on one line, or one "KEY<tab>value" line each inside an object.
class CliTextFormatter
{
public:
    CliTextFormatter() = delete;

    static QString format(const QJsonValue& value);
    // A scalar as Python's str() gives it: True, False, None, 12, 1.5, text as is.
    static QString scalarText(const QJsonValue& value);

private:
    static void formatValue(const QJsonValue& value, const QString& identifier,
                            const std::optional<QStringList>& scalarKeys, QString& out);
    static void formatList(const QJsonArray& list, const QString& identifier, QString& out);
    static void formatObject(const QJsonObject& object, const QString& identifier,
                             const std::optional<QStringList>& scalarKeys, QString& out);
    static void formatScalarList(const QList<QJsonValue>& scalars, const QString& identifier, QString& out);
};

} // namespace footfall
