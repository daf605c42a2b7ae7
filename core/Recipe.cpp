#include "Recipe.h"

namespace footfall::Recipes {

namespace {
const QList<std::pair<Recipe, QString>>& table()
{
    static const QList<std::pair<Recipe, QString>> all = {
        {Recipe::PopularityCount, QStringLiteral("arn:aws:personalize:::recipe/aws-popularity-count")},
        {Recipe::Sims, QStringLiteral("arn:aws:personalize:::recipe/aws-sims")},
        {Recipe::UserPersonalization,
         QStringLiteral("arn:aws:personalize:::recipe/aws-user-personalization")},
        {Recipe::PersonalizedRanking,
         QStringLiteral("arn:aws:personalize:::recipe/aws-personalized-ranking")},
    };
    return all;
}
} // namespace

std::optional<Recipe> fromArn(const QString& arn)
{
    for (const auto& [recipe, recipeArn] : table()) {
        if (recipeArn == arn)
            return recipe;
    }
    return std::nullopt;
}

QString arn(Recipe recipe)
{
    for (const auto& [candidate, recipeArn] : table()) {
        if (candidate == recipe)
            return recipeArn;
    }
    return {};
}

QStringList allArns()
{
    QStringList arns;
    for (const auto& entry : table())
        arns << entry.second;
    return arns;
}

bool reactsInRealTime(Recipe recipe)
{
    return recipe == Recipe::UserPersonalization || recipe == Recipe::PersonalizedRanking;
}

} // namespace footfall::Recipes
