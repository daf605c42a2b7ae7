#pragma once

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace footfall {

class FieldRule;

// Checks of JSON input members in botocore's words, shared by the data-plane validators.
// Every function throws ServiceError(InvalidInput) naming the parameter path.
namespace JsonInput {
// `where` is botocore's location word: "input" at the top level, else the parent path.
void rejectUnknown(const QJsonObject& object, const QStringList& allowed, const QString& where);
void requireMembers(const QJsonObject& object, const QStringList& required, const QString& where);
// The string member `key`, checked against `rule`; nullopt when absent.
std::optional<QString> string(const QJsonObject& object, const QString& key, const QString& path,
                              const FieldRule& rule);
QString childPath(const QString& parent, const QString& key);
// The string member `key` as given, empty when absent or not a string: for members already checked.
QString text(const QJsonObject& object, const char* key);
QString typeError(const QString& path, const QJsonValue& value, const QString& validType);
QString describe(const QJsonValue& value);
// Why `text` is not Unicode text that Footfall stores: an unpaired UTF-16 surrogate (JSON lets
// "\ud800" through, and it has no UTF-8 form) or a NUL character; empty when it is fine.
QString textProblem(const QString& text);
// Refuses every string in `value`, member names too, that textProblem() finds fault with, naming
// its path ("eventList[0].itemId"). `where` is "input" at the top level.
void rejectInvalidText(const QJsonValue& value, const QString& where);
// JSON text holding any one value, a bare scalar too, as Python's json.loads reads it; nullopt
// when it is not JSON.
std::optional<QJsonValue> anyValue(const QByteArray& json);
} // namespace JsonInput

} // namespace footfall
