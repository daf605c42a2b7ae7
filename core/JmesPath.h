#pragma once

#include "JmesPathNode.h"

#include <QJsonValue>
#include <QString>

#include <memory>

namespace footfall {

// A compiled JMESPath expression (https://jmespath.org/specification.html), the AWS CLI's --query
// language. compile() throws JmesPathError (Lexer, Parse, and UnknownFunction or InvalidArity for
// a call it can judge without data); search() throws it (InvalidType, InvalidValue) when a
// function gets arguments of the wrong type or a slice has a step of 0.
class JmesPath
{
public:
    static JmesPath compile(const QString& expression);
    QJsonValue search(const QJsonValue& value) const;
    QString expression() const { return m_expression; }

private:
    JmesPath(const QString& expression, std::shared_ptr<const JmesPathNode> root);

    QString m_expression;
    std::shared_ptr<const JmesPathNode> m_root;
};

} // namespace footfall
