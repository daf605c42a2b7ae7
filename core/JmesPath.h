#pragma once

#include "JmesPathFunctions.h"
#include "JmesPathNode.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

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
    // `memberOrder`: see JmesPathEvaluator.
    QJsonValue search(const QJsonValue& value, const JmesPathFunctions::MemberOrder& memberOrder = {}) const;
    QString expression() const { return m_expression; }
    // The keys of each multi-select hash in the expression, in the order written: the order in
    // which the AWS CLI prints the objects they make.
    QList<QStringList> hashKeyOrders() const;

private:
    JmesPath(const QString& expression, std::shared_ptr<const JmesPathNode> root);

    QString m_expression;
    std::shared_ptr<const JmesPathNode> m_root;
};

} // namespace footfall
