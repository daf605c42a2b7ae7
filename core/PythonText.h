#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace footfall {

// JSON values as Python prints what json.loads made of them, for messages the AWS CLI's Python
// words: str() gives text as it is and None, True, [1, 'a'], {'k': 1.5}; repr() quotes text.
class PythonText
{
public:
    PythonText() = delete;

    static QString str(const QJsonValue& value);
    static QString repr(const QJsonValue& value);
    // A list of strings as Python prints it: ['string', 'array'].
    static QString list(const QStringList& items);
    // The Python type of the value, as str(type(value)) prints it: <class 'int'>.
    static QString typeName(const QJsonValue& value);
    // Its bare name, as type(value).__name__: int.
    static QString className(const QJsonValue& value);
    // A number json.loads made an int: whole and within the range a double holds exactly.
    static bool isInt(const QJsonValue& value);
};

} // namespace footfall
