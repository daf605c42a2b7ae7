#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace footfall {

// JSON as the AWS CLI prints it (Python's json.dump with indent=4 and ensure_ascii=False): four
// spaces a level, ": " after keys, "[]" and "{}" for empty containers, non-ASCII text as is.
class CliJsonWriter
{
public:
    CliJsonWriter() = delete;

    static QString indented(const QJsonValue& value);
    // Objects in the member order of `shape` (a ServiceShapes name) and the shapes within it.
    // With `guess`, `shape` is only where to look: each object takes the order of the first
    // structure reachable from it that declares all its keys (for a --query result).
    // `hashKeyOrders`: key orders that win over the guess for an object with exactly those keys
    // (the multi-select hashes of the --query).
    static QString indented(const QJsonValue& value, const QString& shape, bool guess,
                            const QList<QStringList>& hashKeyOrders = {});
    // The order in which the AWS CLI holds an object's members when all that is known is where in
    // `rootShape`'s output it may come from: a multi-select hash's written order, else the first
    // structure that declares all its keys, else sorted. For --query's keys(), values() and `*`.
    static QStringList guessedOrder(const QJsonObject& object, const QString& rootShape,
                                    const QList<QStringList>& hashKeyOrders);
    // A number as Python prints it: whole numbers without a point, others in the shortest form.
    static QString number(double value);
    // A string as Python's json.dumps writes it: with ensure_ascii (botocore's request bodies)
    // everything outside printable ASCII as \uXXXX; without (the AWS CLI's output) only controls.
    enum class NonAscii
    {
        AsIs,
        Escaped
    };
    static QString quoted(const QString& text, NonAscii nonAscii = NonAscii::AsIs);

private:
    struct Context
    {
        QString guessRoot;
        QList<QStringList> hashKeyOrders;
    };
    static std::optional<QStringList> hashOrder(const QStringList& keys,
                                                const QList<QStringList>& hashKeyOrders);
    static void write(const QJsonValue& value, int depth, const QString& shape, const Context* guess,
                      QString& out);
};

} // namespace footfall
