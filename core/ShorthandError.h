#pragma once

#include <QString>

#include <stdexcept>

namespace footfall {

// A shorthand value that does not parse, in the AWS CLI's words.
class ShorthandError : public std::runtime_error
{
public:
    explicit ShorthandError(const QString& message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {}
    const QString& message() const { return m_message; }

private:
    QString m_message;
};

} // namespace footfall
